/** A receipt PDF as a download that no cache keeps. */
export function receiptPdfResponse(pdf: Buffer, invoiceNumber: string): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="receipt-${invoiceNumber.replace(/[^\w.-]/g, '_')}.pdf"`,
      'Cache-Control': 'no-store',
    },
  });
}
