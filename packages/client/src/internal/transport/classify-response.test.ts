import { describe, expect, test } from 'vitest';
import { APIConnectionError } from '../../errors/APIConnectionError.ts';
import { AuthenticationError } from '../../errors/AuthenticationError.ts';
import { BadRequestError } from '../../errors/BadRequestError.ts';
import { NotFoundError } from '../../errors/NotFoundError.ts';
import type { PreparedRequest } from './build-request.ts';
import { classifyResponse } from './classify-response.ts';

const request = { url: 'https://api.example.com/x', method: 'GET' } as PreparedRequest;
const same = (text: string) => text;
const received = (status: number, text: string) => {
  const response = new Response(null, { status });
  return { answer: { status, text, response, header: (n: string) => response.headers.get(n) }, body: text };
};

describe('classifyResponse', () => {
  test('a 2xx is parsed in place: the received object is the result', () => {
    const r = received(200, '{"data":{"id":"ord_1"}}');
    const out = classifyResponse(r, request, same);
    expect(out).toBe(r);
    expect(r.body).toEqual({ data: { id: 'ord_1' } });
  });

  test('an empty 2xx body (204) is undefined', () => {
    expect(classifyResponse(received(204, ''), request, same)).toMatchObject({ body: undefined });
  });

  test('a 2xx that is not JSON (cut off mid-body) is a connection error', () => {
    const out = classifyResponse(received(200, '{"data":'), request, same);
    expect(out).toBeInstanceOf(APIConnectionError);
    expect((out as Error).message).toBe('Invalid JSON in response to GET https://api.example.com/x');
  });

  test('other statuses become their typed error', () => {
    const body = JSON.stringify({ success: false, error: { code: 'not_found', message: 'No such order' } });
    expect(classifyResponse(received(404, body), request, same)).toBeInstanceOf(NotFoundError);
    const grant = JSON.stringify({ error: 'invalid_grant' });
    const out = classifyResponse(received(400, grant), request, same);
    expect(out).toBeInstanceOf(AuthenticationError);
    expect(out).not.toBeInstanceOf(BadRequestError);
  });
});
