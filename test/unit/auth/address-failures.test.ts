import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { addressFailureGate } from '../../../src/server/auth/address-failures';

const request = (ip: string) => ({ ip }) as FastifyRequest;
const reply = (statusCode: number) => ({ statusCode, header: () => undefined }) as unknown as FastifyReply;

describe('the per-address gate of sign-in failures', () => {
  it('tells of an address once per window, at its first refusal, and again in the next window', async () => {
    let now = 0;
    const told: string[] = [];
    const gate = addressFailureGate({
      max: 2,
      windowMs: 1000,
      now: () => now,
      onLimit: (r) => told.push(r.ip),
    });
    const fail = async (ip: string) => {
      const r = request(ip);
      await gate.check(r, reply(401));
      await gate.record(r, reply(401));
    };
    await fail('10.0.0.1');
    await fail('10.0.0.1');
    await expect(gate.check(request('10.0.0.1'), reply(429))).rejects.toMatchObject({ status: 429 });
    await expect(gate.check(request('10.0.0.1'), reply(429))).rejects.toMatchObject({ status: 429 });
    expect(told).toEqual(['10.0.0.1']);
    now = 1000;
    await fail('10.0.0.1');
    await fail('10.0.0.1');
    await expect(gate.check(request('10.0.0.1'), reply(429))).rejects.toMatchObject({ status: 429 });
    expect(told).toEqual(['10.0.0.1', '10.0.0.1']);
  });

  it('gives back the attempt of a sign-in that was not refused', async () => {
    const gate = addressFailureGate({ max: 1, windowMs: 1000, now: () => 0 });
    for (let i = 0; i < 3; i++) {
      const r = request('10.0.0.2');
      await gate.check(r, reply(200));
      await gate.record(r, reply(200));
    }
    const r = request('10.0.0.2');
    await gate.check(r, reply(401));
    await gate.record(r, reply(401));
    await expect(gate.check(request('10.0.0.2'), reply(429))).rejects.toMatchObject({ status: 429 });
  });
});
