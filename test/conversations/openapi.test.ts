import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('conversations, notifications and settings in the OpenAPI document', () => {
  it('documents every endpoint with a summary, its parameters and answers', async () => {
    const doc = (await t.client().get('/api/docs/json')).body;
    const ops: Record<string, string[]> = {
      '/api/v1/conversations': ['get', 'post'],
      '/api/v1/conversations/{id}': ['get', 'delete'],
      '/api/v1/conversations/{id}/messages': ['get', 'post'],
      '/api/v1/conversations/{id}/read': ['post'],
      '/api/v1/conversations/{id}/members': ['post'],
      '/api/v1/conversations/{id}/members/{memberId}': ['delete'],
      '/api/v1/conversations/{id}/mute': ['put'],
      '/api/v1/notifications': ['get'],
      '/api/v1/notifications/{id}/read': ['post'],
      '/api/v1/notifications/read-all': ['post'],
      '/api/v1/settings': ['get', 'put'],
    };
    for (const [path, methods] of Object.entries(ops))
      for (const method of methods) {
        const op = doc.paths[path]?.[method];
        expect(op, `${method} ${path}`).toBeDefined();
        expect(op.summary).toEqual(expect.any(String));
        expect(op.tags.length).toBeGreaterThan(0);
      }
    const list = doc.paths['/api/v1/conversations'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['kind', 'matterId', 'contactId', 'filter', 'limit', 'cursor']),
    );
    const send = doc.paths['/api/v1/conversations/{id}/messages'].post;
    expect(Object.keys(send.responses)).toEqual(expect.arrayContaining(['200', '201']));
    const sendBody = send.requestBody.content['application/json'].schema;
    expect(Object.keys(sendBody.properties)).toEqual(
      expect.arrayContaining(['id', 'body', 'format', 'visibility']),
    );
    const messages = doc.paths['/api/v1/conversations/{id}/messages'].get;
    expect(messages.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['before', 'limit']),
    );
    const settings = doc.paths['/api/v1/settings'].put.requestBody.content['application/json'].schema;
    expect(Object.keys(settings.properties)).toEqual(
      expect.arrayContaining(['emailMode', 'timeCapture', 'secureChatMaxOpenPerClient']),
    );
  });
});
