import { Alert, Anchor, Box, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Brand } from '../ui/Brand';
import { useApi } from '../ui/Providers';
import { sessionKey } from '../ui/session';
import {
  type ActivationErrors,
  checkPasswords,
  describeActivationFailure,
  MIN_PASSWORD_LENGTH,
} from './activation';
import type { PortalSession } from './session';

const HEADING = 'Activate your client portal';

/**
 * /portal/activate?token=… (the link in the invitation e-mail): the client chooses a password, typed twice,
 * and lands signed in to the portal.
 */
export function ActivatePage() {
  useDocumentTitle(`${HEADING} · Parley`);
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<ActivationErrors>(
    token
      ? {}
      : { linkInvalid: true, message: 'This link has no activation code. Open it again from the e-mail.' },
  );
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = checkPasswords(password, confirm);
    if (local.password || local.confirm) {
      setErrors({ ...local, message: 'Check the highlighted fields.' });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const me = await api.post<PortalSession>('/api/v1/portal/auth/activate', { token, password });
      api.setCsrfToken(me.csrfToken);
      queryClient.setQueryData(sessionKey, me);
      navigate('/', { replace: true });
    } catch (error) {
      setErrors(describeActivationFailure(error));
      setBusy(false);
    }
  };

  return (
    <Box
      component="main"
      id="main"
      mih="100vh"
      px="md"
      py="xl"
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
    >
      <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={440}>
        <Stack gap="lg">
          <Brand suffix="Client portal" />
          <div>
            <Title order={1} size="h2">
              {HEADING}
            </Title>
            <Text c="dimmed" mt={4}>
              Choose the password you will sign in with, together with the e-mail address this invitation was
              sent to.
            </Text>
          </div>
          {errors.message && (
            <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert">
              {errors.message}
            </Alert>
          )}
          {!errors.linkInvalid && (
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <PasswordInput
                  label="New password"
                  description={`At least ${MIN_PASSWORD_LENGTH} characters; a few words you will remember work well`}
                  name="new-password"
                  autoComplete="new-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={errors.password}
                />
                <PasswordInput
                  label="Confirm password"
                  name="confirm-password"
                  autoComplete="new-password"
                  required
                  value={confirm}
                  onChange={(e) => setConfirm(e.currentTarget.value)}
                  error={errors.confirm}
                />
                <Button type="submit" loading={busy} fullWidth size="md">
                  Activate and sign in
                </Button>
              </Stack>
            </form>
          )}
          {errors.linkInvalid && (
            <Text size="sm">
              Already activated?{' '}
              <Anchor component={Link} to="/login">
                Sign in to your client portal
              </Anchor>
              .
            </Text>
          )}
        </Stack>
      </Paper>
    </Box>
  );
}
