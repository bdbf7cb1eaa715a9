import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react';
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

// conform's metadata is generic over the field's schema; these components only read ids, names and errors.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Meta = FieldMetadata<any, any, any>;

export const inputClass =
  'block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs ' +
  'placeholder:text-slate-500 focus:border-brand-600 aria-[invalid=true]:border-red-600 aria-[invalid=true]:bg-red-50/40';
const labelClass = 'block text-sm font-medium text-slate-800';
const hintClass = 'text-xs text-slate-600';

/** The messages for one field, in the element the field's aria-describedby points at. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const list = [...new Set(errors?.filter(Boolean) ?? [])];
  if (!list.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm font-medium text-red-700">
      {list.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

/** Form-level messages (e.g. "Email or password is incorrect"), announced when they appear. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  const list = [...new Set(errors?.filter(Boolean) ?? [])];
  return (
    <div
      id={id}
      role="alert"
      className={
        list.length
          ? 'rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800'
          : 'sr-only'
      }
    >
      {list.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

/** aria-invalid and aria-describedby (hint, then errors) for a field; ids only when the element exists. */
function aria(meta: Meta, hintId?: string) {
  const invalid = Boolean(meta.errors?.length);
  const describedBy = [hintId, invalid ? meta.errorId : undefined].filter(Boolean).join(' ');
  return { 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy || undefined };
}

type Common = { meta: Meta; label: ReactNode; hint?: ReactNode; className?: string; labelClassName?: string };

export function Field({
  meta,
  label,
  hint,
  className,
  labelClassName,
  type = 'text',
  inputProps,
}: Common & {
  type?: 'text' | 'email' | 'password' | 'date' | 'search';
  inputProps?: InputHTMLAttributes<HTMLInputElement>;
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const { key, ...props } = getInputProps(meta, { type, ariaAttributes: false });
  return (
    <div className={className}>
      <label htmlFor={meta.id} className={labelClassName ?? labelClass}>
        {label}
      </label>
      <input
        key={key}
        {...props}
        {...aria(meta, hintId)}
        {...inputProps}
        className={`mt-1 ${inputClass} ${inputProps?.className ?? ''}`}
      />
      {hint ? (
        <p id={hintId} className={`mt-1 ${hintClass}`}>
          {hint}
        </p>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  hint,
  className,
  labelClassName,
  selectProps,
  children,
}: Common & { selectProps?: SelectHTMLAttributes<HTMLSelectElement>; children: ReactNode }) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const { key, ...props } = getSelectProps(meta, { ariaAttributes: false });
  return (
    <div className={className}>
      <label htmlFor={meta.id} className={labelClassName ?? labelClass}>
        {label}
      </label>
      <select key={key} {...props} {...aria(meta, hintId)} {...selectProps} className={`mt-1 ${inputClass}`}>
        {children}
      </select>
      {hint ? (
        <p id={hintId} className={`mt-1 ${hintClass}`}>
          {hint}
        </p>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextareaField({
  meta,
  label,
  hint,
  className,
  textareaProps,
}: Common & { textareaProps?: TextareaHTMLAttributes<HTMLTextAreaElement> }) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const { key, ...props } = getTextareaProps(meta, { ariaAttributes: false });
  return (
    <div className={className}>
      <label htmlFor={meta.id} className={labelClass}>
        {label}
      </label>
      <textarea
        key={key}
        {...props}
        {...aria(meta, hintId)}
        rows={3}
        {...textareaProps}
        className={`mt-1 ${inputClass}`}
      />
      {hint ? (
        <p id={hintId} className={`mt-1 ${hintClass}`}>
          {hint}
        </p>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function CheckboxField({ meta, label, hint, className }: Common) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const { key, ...props } = getInputProps(meta, { type: 'checkbox', ariaAttributes: false });
  return (
    <div className={className}>
      <div className="flex items-start gap-3">
        <input
          key={key}
          {...props}
          {...aria(meta, hintId)}
          className="mt-0.5 h-5 w-5 shrink-0 rounded border-slate-400 text-brand-700 accent-brand-700"
        />
        <div>
          <label htmlFor={meta.id} className={labelClass}>
            {label}
          </label>
          {hint ? (
            <p id={hintId} className={`mt-0.5 ${hintClass}`}>
              {hint}
            </p>
          ) : null}
        </div>
      </div>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** The hidden CSRF field every POST form carries (checked by requireCsrf). */
export function CsrfInput({ value }: { value: string }) {
  return <input type="hidden" name="csrf" value={value} />;
}
