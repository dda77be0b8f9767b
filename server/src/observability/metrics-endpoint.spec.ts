import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { mayReadMetrics } from './metrics-endpoint.js';

function request(remoteAddress: string, headers: Record<string, string> = {}): Request {
  return { socket: { remoteAddress }, headers } as unknown as Request;
}

describe(mayReadMetrics.name, () => {
  const token = 'scraper-token-0123456789';

  it('should let a connection from loopback read the metrics, IPv4 or IPv6', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(mayReadMetrics(request(address), undefined)).toBe(true);
  });

  it('should refuse another machine without the token, and a loopback connection relayed by a proxy', () => {
    expect(mayReadMetrics(request('10.1.2.3'), undefined)).toBe(false);
    expect(mayReadMetrics(request('10.1.2.3'), token)).toBe(false);
    expect(mayReadMetrics(request('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' }), undefined)).toBe(false);
    expect(mayReadMetrics(request('127.0.0.1', { 'x-real-ip': '203.0.113.7' }), undefined)).toBe(false);
  });

  it('should let anyone with the exact token in, and nobody with another', () => {
    expect(mayReadMetrics(request('10.1.2.3', { authorization: `Bearer ${token}` }), token)).toBe(true);
    expect(mayReadMetrics(request('10.1.2.3', { authorization: `Bearer ${token}0` }), token)).toBe(false);
    expect(mayReadMetrics(request('10.1.2.3', { authorization: `Bearer ${token}` }), undefined)).toBe(false);
    // A wrong token is not saved by coming from loopback.
    expect(mayReadMetrics(request('127.0.0.1', { authorization: 'Bearer wrong' }), token)).toBe(false);
  });
});
