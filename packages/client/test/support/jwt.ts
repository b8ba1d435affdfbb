/** Unsigned test JWTs: the client only reads `exp`, the server in these tests compares strings. */
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

let serial = 0;
export function makeJwt(expiresInSeconds: number, sub = 'usr_test'): string {
  serial++;
  const now = Math.floor(Date.now() / 1000);
  return `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub, iat: now, exp: now + expiresInSeconds, jti: serial })}.c2ln`;
}
