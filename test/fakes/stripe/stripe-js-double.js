/**
 * A small double of Stripe.js (v3) for e2e tests and the bannered simulated-payments dev mode. It is never
 * served in production: e2e tests route https://js.stripe.com/v3 to it (playwright-routes.ts) and the fake
 * serves it at <fake>/v3/ for dev mode.
 *
 * The subset the app uses: Stripe(pk) -> elements({ clientSecret, locale }) -> create('payment').mount(target),
 * element.on('ready' | 'change' | 'loaderror'), elements.submit(), stripe.confirmPayment / confirmSetup /
 * retrievePaymentIntent / retrieveSetupIntent / handleNextAction. The Payment Element renders inside the page
 * (no iframe) with labelled native controls, classes only (no style attributes: it runs under a strict CSP),
 * and talks to the API with the publishable key as a form parameter, as Stripe.js does (no CORS preflight).
 * Card numbers, IBANs and bank accounts go to the fake as entered; the fake maps Stripe's test data to outcomes.
 * 3D Secure is a dialog with "complete" / "fail" buttons, or automatic with window.__STRIPE_DOUBLE_OPTIONS__ =
 * { threeDS: 'complete' | 'fail' } (routeStripe's `threeDS` option sets it). `apiBase` in the same options
 * overrides where the API is (by default api.stripe.com, or the origin the script was served from).
 */
(() => {
  'use strict';

  const options = window.__STRIPE_DOUBLE_OPTIONS__ || {};
  const apiBase = (() => {
    // Served from the app's own origin (simulated dev mode), the double is told where the fake listens.
    if (options.apiBase) return String(options.apiBase).replace(/\/$/, '');
    try {
      const src = new URL(document.currentScript.src);
      return src.hostname === 'js.stripe.com' ? 'https://api.stripe.com' : src.origin;
    } catch {
      return 'https://api.stripe.com';
    }
  })();

  const TEXT = {
    en: {
      method: 'Payment method',
      card: 'Card',
      sepa_debit: 'SEPA Direct Debit',
      us_bank_account: 'US bank account',
      number: 'Card number',
      expiry: 'Expiration date (MM / YY)',
      cvc: 'Security code',
      name: 'Full name',
      email: 'Email',
      iban: 'IBAN',
      routing: 'Routing number',
      account: 'Account number',
      mandate:
        'By providing your account details and confirming this payment, you authorise the merchant and Stripe, its payment service provider, to send instructions to your bank to debit your account, and your bank to debit your account in accordance with those instructions.',
      threeDSTitle: '3D Secure authentication (simulated)',
      threeDSBody: 'Your bank asks you to confirm this payment. This is a simulation: no bank is contacted.',
      complete: 'Complete authentication',
      fail: 'Fail authentication',
      incomplete_number: 'Your card number is incomplete.',
      invalid_number: 'Your card number is invalid.',
      incomplete_expiry: "Your card's expiration date is incomplete.",
      invalid_expiry_month: "Your card's expiration month is invalid.",
      invalid_expiry_year_past: "Your card's expiration year is in the past.",
      incomplete_cvc: "Your card's security code is incomplete.",
      incomplete_name: 'Please enter your full name.',
      invalid_email: 'Please enter a valid email address.',
      incomplete_iban: 'Your IBAN is incomplete.',
      invalid_iban: 'Your IBAN is invalid.',
      incomplete_routing_number: 'Your routing number is incomplete.',
      incomplete_account_number: 'Your account number is incomplete.',
    },
    fr: {
      method: 'Moyen de paiement',
      card: 'Carte',
      sepa_debit: 'Prélèvement SEPA',
      us_bank_account: 'Compte bancaire américain',
      number: 'Numéro de carte',
      expiry: "Date d'expiration (MM / AA)",
      cvc: 'Code de sécurité',
      name: 'Nom complet',
      email: 'E-mail',
      iban: 'IBAN',
      routing: 'Numéro de routage',
      account: 'Numéro de compte',
      mandate:
        'En fournissant vos coordonnées bancaires et en confirmant ce paiement, vous autorisez le marchand et Stripe, son prestataire de paiement, à envoyer des instructions à votre banque pour débiter votre compte, et votre banque à débiter votre compte conformément à ces instructions.',
      threeDSTitle: 'Authentification 3D Secure (simulée)',
      threeDSBody:
        "Votre banque vous demande de confirmer ce paiement. Ceci est une simulation : aucune banque n'est contactée.",
      complete: "Valider l'authentification",
      fail: "Échouer l'authentification",
      incomplete_number: 'Le numéro de carte est incomplet.',
      invalid_number: 'Le numéro de carte est invalide.',
      incomplete_expiry: "La date d'expiration de la carte est incomplète.",
      invalid_expiry_month: "Le mois d'expiration de la carte est invalide.",
      invalid_expiry_year_past: "L'année d'expiration de la carte est déjà passée.",
      incomplete_cvc: 'Le code de sécurité de la carte est incomplet.',
      incomplete_name: 'Veuillez saisir votre nom complet.',
      invalid_email: 'Veuillez saisir une adresse e-mail valide.',
      incomplete_iban: "L'IBAN est incomplet.",
      invalid_iban: "L'IBAN est invalide.",
      incomplete_routing_number: 'Le numéro de routage est incomplet.',
      incomplete_account_number: 'Le numéro de compte est incomplet.',
    },
  };

  const FIELDS = {
    card: [
      { key: 'number', autocomplete: 'cc-number', inputmode: 'numeric' },
      { key: 'expiry', autocomplete: 'cc-exp', inputmode: 'numeric' },
      { key: 'cvc', autocomplete: 'cc-csc', inputmode: 'numeric' },
    ],
    sepa_debit: [
      { key: 'name', autocomplete: 'name' },
      { key: 'email', autocomplete: 'email', type: 'email' },
      { key: 'iban', autocomplete: 'off' },
    ],
    us_bank_account: [
      { key: 'name', autocomplete: 'name' },
      { key: 'routing', autocomplete: 'off', inputmode: 'numeric' },
      { key: 'account', autocomplete: 'off', inputmode: 'numeric' },
    ],
  };

  let nextId = 0;

  const intentPath = (clientSecret) => {
    const id = String(clientSecret || '').split('_secret_')[0];
    return id.startsWith('seti_') ? `/v1/setup_intents/${id}` : `/v1/payment_intents/${id}`;
  };

  /** Form encoding with bracket notation, as Stripe.js sends it. */
  function encode(params, prefix, out) {
    const pairs = out || [];
    for (const key of Object.keys(params)) {
      const value = params[key];
      const name = prefix ? `${prefix}[${key}]` : key;
      if (value === undefined || value === null) continue;
      if (typeof value === 'object') encode(value, name, pairs);
      else pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
    }
    return pairs.join('&');
  }

  function luhn(digits) {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return sum % 10 === 0;
  }

  function ibanValid(iban) {
    if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
    const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
    let remainder = 0;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
    return remainder === 1;
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === false || value === undefined) continue;
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  function Stripe(publishableKey) {
    if (!/^pk_test_/.test(String(publishableKey))) {
      throw new Error('The Stripe.js double only accepts test publishable keys (pk_test_…).');
    }

    function api(method, path, params) {
      const body = encode({ key: publishableKey, ...params });
      const init =
        method === 'GET'
          ? { method }
          : { method, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body };
      return fetch(apiBase + path + (method === 'GET' ? `?${body}` : ''), init)
        .then((response) => response.json())
        .then((json) => (json.error ? { error: json.error } : { data: json }))
        .catch((error) => ({
          error: {
            type: 'api_connection_error',
            message: `Could not reach the payment service: ${error.message}`,
          },
        }));
    }

    /** The simulated 3D Secure challenge; its outcome goes to the fake's _simulate_authentication endpoint. */
    function authenticate(path, intent, clientSecret, text) {
      const decided =
        options.threeDS === 'complete' || options.threeDS === 'fail'
          ? Promise.resolve(options.threeDS === 'complete' ? 'succeed' : 'fail')
          : new Promise((resolve) => {
              const titleId = `stripe-double-${++nextId}-3ds-title`;
              const complete = el('button', {
                type: 'button',
                class: 'stripe-double__button',
                text: text.complete,
              });
              const fail = el('button', { type: 'button', class: 'stripe-double__button', text: text.fail });
              const dialog = el('dialog', { class: 'stripe-double__3ds', 'aria-labelledby': titleId }, [
                el('h2', { id: titleId, text: text.threeDSTitle }),
                el('p', { text: text.threeDSBody }),
                complete,
                fail,
              ]);
              const finish = (outcome) => {
                dialog.close();
                dialog.remove();
                resolve(outcome);
              };
              complete.addEventListener('click', () => finish('succeed'));
              fail.addEventListener('click', () => finish('fail'));
              dialog.addEventListener('cancel', (event) => {
                event.preventDefault();
                finish('fail');
              });
              document.body.append(dialog);
              dialog.showModal();
              complete.focus();
            });
      return decided.then((outcome) =>
        api('POST', `${path}/_simulate_authentication`, { client_secret: clientSecret, outcome }).then(
          (result) => (result.error ? result : { data: result.data }),
        ),
      );
    }

    function locale(requested) {
      const lang = !requested || requested === 'auto' ? navigator.language : requested;
      return String(lang).toLowerCase().startsWith('fr') ? TEXT.fr : TEXT.en;
    }

    function createPaymentElement(elements, elementOptions) {
      const uid = `stripe-double-${++nextId}`;
      const handlers = {};
      const inputs = {};
      const errors = {};
      let root = null;
      let types = ['card'];
      let selected = 'card';
      const defaults =
        (elementOptions && elementOptions.defaultValues && elementOptions.defaultValues.billingDetails) || {};

      const emit = (event, payload) => (handlers[event] || []).slice().forEach((handler) => handler(payload));
      const value = (key) => (inputs[`${selected}.${key}`] ? inputs[`${selected}.${key}`].value.trim() : '');

      function fieldErrors() {
        const text = elements._text;
        const found = {};
        if (selected === 'card') {
          const number = value('number').replace(/\s+/g, '');
          if (number.length < 13) found.number = 'incomplete_number';
          else if (!luhn(number)) found.number = 'invalid_number';
          const expiry = value('expiry').replace(/\D/g, '');
          const month = Number(expiry.slice(0, 2));
          const year = 2000 + Number(expiry.slice(2, 4));
          const now = new Date();
          if (expiry.length !== 4) found.expiry = 'incomplete_expiry';
          else if (month < 1 || month > 12) found.expiry = 'invalid_expiry_month';
          else if (year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1)) {
            found.expiry = 'invalid_expiry_year_past';
          }
          if (!/^\d{3,4}$/.test(value('cvc'))) found.cvc = 'incomplete_cvc';
        } else {
          if (!value('name')) found.name = 'incomplete_name';
          if (selected === 'sepa_debit') {
            if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value('email'))) found.email = 'invalid_email';
            const iban = value('iban').replace(/\s+/g, '').toUpperCase();
            if (iban.length < 15) found.iban = 'incomplete_iban';
            else if (!ibanValid(iban)) found.iban = 'invalid_iban';
          } else {
            if (!/^\d{9}$/.test(value('routing'))) found.routing = 'incomplete_routing_number';
            if (!/^\d{4,17}$/.test(value('account'))) found.account = 'incomplete_account_number';
          }
        }
        return Object.keys(found).map((key) => ({ key, code: found[key], message: text[found[key]] }));
      }

      function showErrors(list) {
        for (const key of Object.keys(errors)) {
          if (!key.startsWith(`${selected}.`)) continue;
          errors[key].textContent = '';
          errors[key].hidden = true;
          inputs[key].removeAttribute('aria-invalid');
        }
        for (const { key, message } of list) {
          const error = errors[`${selected}.${key}`];
          error.textContent = message;
          error.hidden = false;
          inputs[`${selected}.${key}`].setAttribute('aria-invalid', 'true');
        }
      }

      function changed() {
        const empty = FIELDS[selected].every(({ key }) => !value(key));
        emit('change', {
          elementType: 'payment',
          empty,
          complete: fieldErrors().length === 0,
          collapsed: false,
          value: { type: selected },
        });
      }

      function select(type) {
        selected = type;
        for (const panel of root.querySelectorAll('[data-stripe-double-panel]')) {
          panel.hidden = panel.getAttribute('data-stripe-double-panel') !== type;
        }
        changed();
      }

      function render(intent) {
        const text = elements._text;
        types = intent.payment_method_types.filter((type) => FIELDS[type]);
        selected = types[0];
        const children = [];
        if (types.length > 1) {
          children.push(
            el(
              'fieldset',
              { class: 'stripe-double__methods' },
              [el('legend', { text: text.method })].concat(
                types.map((type, i) => {
                  const radio = el('input', {
                    type: 'radio',
                    id: `${uid}-method-${type}`,
                    name: `${uid}-method`,
                    value: type,
                    checked: i === 0,
                  });
                  radio.addEventListener('change', () => radio.checked && select(type));
                  return el('div', { class: 'stripe-double__method' }, [
                    radio,
                    el('label', { for: radio.id, text: text[type] }),
                  ]);
                }),
              ),
            ),
          );
        }
        for (const type of types) {
          const fields = FIELDS[type].map((field) => {
            const id = `${uid}-${type}-${field.key}`;
            const input = el('input', {
              id,
              name: `${type}-${field.key}`,
              type: field.type || 'text',
              autocomplete: field.autocomplete,
              inputmode: field.inputmode,
              spellcheck: 'false',
              'aria-describedby': `${id}-error`,
              class: 'stripe-double__input',
            });
            if (field.key === 'name' && defaults.name) input.value = defaults.name;
            if (field.key === 'email' && defaults.email) input.value = defaults.email;
            input.addEventListener('input', changed);
            input.addEventListener('focus', () => emit('focus', { elementType: 'payment' }));
            input.addEventListener('blur', () => emit('blur', { elementType: 'payment' }));
            const error = el('p', {
              id: `${id}-error`,
              class: 'stripe-double__error',
              'aria-live': 'polite',
              hidden: true,
            });
            inputs[`${type}.${field.key}`] = input;
            errors[`${type}.${field.key}`] = error;
            return el('div', { class: 'stripe-double__field' }, [
              // The label sits in its own block so the field reads well even before the page styles it.
              el('div', { class: 'stripe-double__label' }, [el('label', { for: id, text: text[field.key] })]),
              input,
              error,
            ]);
          });
          if (type !== 'card') fields.push(el('p', { class: 'stripe-double__mandate', text: text.mandate }));
          children.push(
            el(
              'div',
              { class: 'stripe-double__panel', 'data-stripe-double-panel': type, hidden: type !== selected },
              fields,
            ),
          );
        }
        root.replaceChildren(...children);
      }

      const element = {
        mount(target) {
          const host = typeof target === 'string' ? document.querySelector(target) : target;
          if (!host)
            throw new Error(`Stripe.js double: nothing to mount the Payment Element on (${target}).`);
          root = el('div', { class: 'stripe-double', 'data-stripe-double': 'payment-element' });
          host.append(root);
          api('GET', intentPath(elements._clientSecret), { client_secret: elements._clientSecret }).then(
            (result) => {
              if (result.error) return emit('loaderror', { elementType: 'payment', error: result.error });
              render(result.data);
              emit('ready', { elementType: 'payment' });
              changed();
            },
          );
          return element;
        },
        on(event, handler) {
          (handlers[event] = handlers[event] || []).push(handler);
          return element;
        },
        once(event, handler) {
          const wrapped = (payload) => {
            element.off(event, wrapped);
            handler(payload);
          };
          return element.on(event, wrapped);
        },
        off(event, handler) {
          handlers[event] = (handlers[event] || []).filter((h) => h !== handler);
          return element;
        },
        focus() {
          const first = root && root.querySelector('input:not([hidden])');
          if (first) first.focus();
        },
        update() {
          return element;
        },
        unmount() {
          if (root) root.remove();
        },
        destroy() {
          element.unmount();
          elements._paymentElement = null;
        },
        /** Validates, shows field errors, and returns the first as Stripe.js does ({ error } or {}). */
        _validate() {
          const list = fieldErrors();
          showErrors(list);
          if (!list.length) return {};
          const first = list[0];
          inputs[`${selected}.${first.key}`].focus();
          return { error: { type: 'validation_error', code: first.code, message: first.message } };
        },
        _paymentMethodParams(extraBilling) {
          const billing = { ...(extraBilling || {}) };
          const mandate = { customer_acceptance: { type: 'online', online: { infer_from_client: true } } };
          if (selected === 'card') {
            const expiry = value('expiry').replace(/\D/g, '');
            return {
              payment_method_data: {
                type: 'card',
                card: {
                  number: value('number').replace(/\s+/g, ''),
                  exp_month: Number(expiry.slice(0, 2)),
                  exp_year: 2000 + Number(expiry.slice(2, 4)),
                  cvc: value('cvc'),
                },
                billing_details: billing,
              },
            };
          }
          billing.name = value('name');
          if (selected === 'sepa_debit') {
            billing.email = value('email');
            return {
              payment_method_data: {
                type: 'sepa_debit',
                sepa_debit: { iban: value('iban').replace(/\s+/g, '').toUpperCase() },
                billing_details: billing,
              },
              mandate_data: mandate,
            };
          }
          return {
            payment_method_data: {
              type: 'us_bank_account',
              us_bank_account: {
                routing_number: value('routing'),
                account_number: value('account'),
                account_holder_type: 'individual',
              },
              billing_details: billing,
            },
            mandate_data: mandate,
          };
        },
      };
      return element;
    }

    /** confirmPayment and confirmSetup: same flow, different intent and result key. */
    function confirm(kind, opts) {
      const elements = opts.elements;
      const clientSecret = opts.clientSecret || (elements && elements._clientSecret);
      const confirmParams = opts.confirmParams || {};
      const redirect = opts.redirect || 'always';
      const resultKey = kind === 'setup' ? 'setupIntent' : 'paymentIntent';
      const path = intentPath(clientSecret);
      if (!clientSecret) {
        return Promise.resolve({
          error: { type: 'invalid_request_error', message: 'A clientSecret is required.' },
        });
      }
      if (redirect !== 'if_required' && !confirmParams.return_url) {
        return Promise.resolve({
          error: {
            type: 'invalid_request_error',
            message: 'confirmParams.return_url is required unless redirect is "if_required".',
          },
        });
      }
      const element = elements && elements._paymentElement;
      let methodParams = {};
      if (element) {
        const validation = element._validate();
        if (validation.error) return Promise.resolve(validation);
        const billing =
          confirmParams.payment_method_data && confirmParams.payment_method_data.billing_details;
        methodParams = element._paymentMethodParams(billing);
      } else if (confirmParams.payment_method) {
        methodParams = { payment_method: confirmParams.payment_method };
      }
      const text = (elements && elements._text) || locale();
      const params = {
        client_secret: clientSecret,
        return_url: confirmParams.return_url,
        use_stripe_sdk: true,
        ...methodParams,
      };

      return api('POST', `${path}/confirm`, params)
        .then((result) => {
          if (result.error) return result;
          const intent = result.data;
          const needsAction =
            intent.status === 'requires_action' &&
            intent.next_action &&
            intent.next_action.type === 'use_stripe_sdk';
          return needsAction ? authenticate(path, intent, clientSecret, text) : result;
        })
        .then((result) => {
          if (result.error) return { error: result.error };
          const intent = result.data;
          const failure = intent.last_payment_error || intent.last_setup_error;
          if (intent.status === 'requires_payment_method' && failure) {
            return { error: { ...failure, [kind === 'setup' ? 'setup_intent' : 'payment_intent']: intent } };
          }
          if (redirect === 'if_required') return { [resultKey]: intent };
          const url = new URL(confirmParams.return_url, window.location.href);
          const prefix = kind === 'setup' ? 'setup_intent' : 'payment_intent';
          url.searchParams.set(prefix, intent.id);
          url.searchParams.set(`${prefix}_client_secret`, clientSecret);
          url.searchParams.set(
            'redirect_status',
            intent.status === 'succeeded' || intent.status === 'processing' ? 'succeeded' : 'failed',
          );
          window.location.assign(url.toString());
          return new Promise(() => {});
        });
    }

    function retrieve(clientSecret, resultKey) {
      return api('GET', intentPath(clientSecret), { client_secret: clientSecret }).then((result) =>
        result.error ? { error: result.error } : { [resultKey]: result.data },
      );
    }

    return {
      elements(elementsOptions) {
        const opts = elementsOptions || {};
        const elements = {
          _clientSecret: opts.clientSecret,
          _text: locale(opts.locale),
          _paymentElement: null,
          create(type, elementOptions) {
            if (type !== 'payment')
              throw new Error(`The Stripe.js double only implements the Payment Element, not "${type}".`);
            elements._paymentElement = createPaymentElement(elements, elementOptions);
            return elements._paymentElement;
          },
          getElement(type) {
            return type === 'payment' ? elements._paymentElement : null;
          },
          update(next) {
            if (next && next.locale) elements._text = locale(next.locale);
          },
          fetchUpdates() {
            return Promise.resolve({});
          },
          submit() {
            const element = elements._paymentElement;
            if (!element)
              return Promise.resolve({
                error: { type: 'validation_error', message: 'No Payment Element is mounted.' },
              });
            const result = element._validate();
            return Promise.resolve(
              result.error
                ? result
                : { selectedPaymentMethod: element._paymentMethodParams().payment_method_data.type },
            );
          },
        };
        return elements;
      },
      confirmPayment: (opts) => confirm('payment', opts || {}),
      confirmSetup: (opts) => confirm('setup', opts || {}),
      retrievePaymentIntent: (clientSecret) => retrieve(clientSecret, 'paymentIntent'),
      retrieveSetupIntent: (clientSecret) => retrieve(clientSecret, 'setupIntent'),
      /** For intents the server confirmed (e.g. an installment that now needs 3D Secure). */
      handleNextAction(opts) {
        const clientSecret = opts && opts.clientSecret;
        const resultKey = String(clientSecret).startsWith('seti_') ? 'setupIntent' : 'paymentIntent';
        const path = intentPath(clientSecret);
        return api('GET', path, { client_secret: clientSecret }).then((result) => {
          if (result.error) return { error: result.error };
          if (result.data.status !== 'requires_action') return { [resultKey]: result.data };
          return authenticate(path, result.data, clientSecret, locale()).then((done) =>
            done.error ? { error: done.error } : { [resultKey]: done.data },
          );
        });
      },
    };
  }

  window.Stripe = Stripe;
  window.Stripe.version = 3;
})();
