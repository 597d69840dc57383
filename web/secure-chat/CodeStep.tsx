import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import type { CustomerInviteOut } from '../../contracts/secure-invites';
import { useApi } from '../ui/Providers';
import { ApiError, describeError } from '../ui/problem';
import { GoneState } from './GoneState';
import { linkApi, secondsUntil } from './model';

/** Seconds until another code may be asked for, ticking down. */
function useWait(resendAt: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return secondsUntil(resendAt, now);
}

/** The customer proves they hold the invited phone: a code is texted to it and entered here. */
export function CodeStep({ token, state }: { token: string; state: CustomerInviteOut }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const wait = useWait(state.resendAt);
  const update = (next: CustomerInviteOut) => {
    api.setCsrfToken(next.csrfToken ?? undefined);
    queryClient.setQueryData(['secure-chat', token], next);
  };
  const sendCode = useMutation({
    mutationFn: () => api.post<CustomerInviteOut>(`${linkApi(token)}/code`, {}),
    onSuccess: update,
  });
  const verify = useMutation({
    mutationFn: () => api.post<CustomerInviteOut>(`${linkApi(token)}/verify`, { code: code.trim() }),
    onSuccess: update,
    onError: () => setCode(''),
  });
  const failure = verify.error ?? sendCode.error;
  if (failure instanceof ApiError && failure.status === 410)
    return <GoneState slug={failure.problem.type.replace('/problems/', '')} />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) verify.mutate();
  };
  const sent = state.codeSentAt !== null;
  const attemptsLeft =
    verify.error instanceof ApiError
      ? (verify.error.problem as { attemptsLeft?: number }).attemptsLeft
      : undefined;
  return (
    <Stack gap="md" mt="md">
      <Text>
        To keep this chat private, we confirm it is you: we text a code to your phone ({state.phoneHint}).
        This link then opens only on this device.
      </Text>
      {!sent ? (
        <Button onClick={() => sendCode.mutate()} loading={sendCode.isPending}>
          Text me a code
        </Button>
      ) : (
        <form onSubmit={submit}>
          <Stack gap="sm">
            <TextInput
              label="Code from our text"
              description="Six digits"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
              error={
                verify.error
                  ? `${describeError(verify.error)}${attemptsLeft !== undefined ? ` ${attemptsLeft} tries left.` : ''}`
                  : undefined
              }
              data-autofocus
            />
            <Group justify="space-between">
              <Button
                variant="subtle"
                onClick={() => sendCode.mutate()}
                disabled={wait === null || wait > 0}
                loading={sendCode.isPending}
              >
                {wait === null
                  ? 'No more codes'
                  : wait > 0
                    ? `Send a new code in ${wait} s`
                    : 'Send a new code'}
              </Button>
              <Button type="submit" loading={verify.isPending} disabled={code.trim().length !== 6}>
                Open the chat
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {sendCode.error && !(sendCode.error instanceof ApiError && sendCode.error.status === 410) ? (
        <Alert color="red" role="alert">
          {describeError(sendCode.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}
