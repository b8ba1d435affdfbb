/** Whether `hostname` (as `URL#hostname` spells it) is a loopback host: localhost, 127.0.0.0/8 or ::1. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '[::1]' ||
    h === '::1' ||
    /^127(?:\.\d{1,3}){3}$/.test(h)
  );
}
