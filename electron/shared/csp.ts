/**
 * One Content-Security-Policy for both hosts. Scripts only from our own files; inline
 * styles are allowed because Ant Design writes its CSS at run time; nothing may frame us,
 * post forms elsewhere or load plugins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // archive scans (PDF) are shown from blob: URLs the desk assembles from downloaded chunks
  "frame-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
