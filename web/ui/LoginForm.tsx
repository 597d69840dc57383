import { Alert, Box, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconShieldLock } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Brand } from './Brand';
import { describeLoginFailure, type LoginFailure } from './login-errors';

const alertColor = { error: 'red', info: 'parley', wait: 'yellow' } as const;

/** What the user typed; `totp` only when the server asked for it. */
export interface Credentials {
  email: string;
  password: string;
  totp?: string;
}

interface LoginFormProps {
  /** The heading, e.g. "Sign in to Parley". */
  heading: string;
  /** A line under the heading. */
  intro: string;
  /** Shown next to the word mark. */
  brandSuffix?: string;
  /** Sends the credentials; throws the API's error when they are refused. */
  onSubmit: (credentials: Credentials) => Promise<void>;
}

/** A full-page sign-in form: clear errors, an authenticator code when asked for, and a throttle countdown. */
export function LoginForm({ heading, intro, brandSuffix, onSubmit }: LoginFormProps) {
  useDocumentTitle(`${heading} · Parley`);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [askTotp, setAskTotp] = useState(false);
  const [failure, setFailure] = useState<LoginFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [lockedUntil, setLockedUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const totpRef = useRef<HTMLInputElement>(null);

  const secondsLeft = Math.max(0, Math.ceil((lockedUntil - now) / 1000));
  useEffect(() => {
    if (lockedUntil <= Date.now()) return;
    const id = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= lockedUntil) clearInterval(id);
    }, 1000);
    return () => clearInterval(id);
  }, [lockedUntil]);
  useEffect(() => {
    if (askTotp) totpRef.current?.focus();
  }, [askTotp]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const totpSent = askTotp && totp.trim() !== '';
    try {
      await onSubmit({ email: email.trim(), password, ...(totpSent ? { totp: totp.trim() } : {}) });
    } catch (error) {
      const next = describeLoginFailure(error, totpSent);
      setFailure(next);
      setAskTotp(askTotp || next.askTotp);
      if (next.retryAfterSeconds) {
        setLockedUntil(Date.now() + next.retryAfterSeconds * 1000);
        setNow(Date.now());
      }
      setBusy(false);
    }
  };

  const locked = secondsLeft > 0;
  const message =
    failure?.retryAfterSeconds !== undefined
      ? locked
        ? `Too many attempts. Try again in ${secondsLeft} ${secondsLeft === 1 ? 'second' : 'seconds'}.`
        : 'You can try again now.'
      : failure?.message;

  return (
    <Box
      component="main"
      id="main"
      mih="100vh"
      px="md"
      py="xl"
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
    >
      <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={420}>
        <Stack gap="lg">
          <Brand suffix={brandSuffix} />
          <div>
            <Title order={1} size="h2">
              {heading}
            </Title>
            <Text c="dimmed" mt={4}>
              {intro}
            </Text>
          </div>
          {message && (
            <Alert
              color={alertColor[failure?.tone ?? 'error']}
              icon={
                failure?.tone === 'info' ? <IconShieldLock aria-hidden /> : <IconAlertCircle aria-hidden />
              }
              role="alert"
            >
              {message}
            </Alert>
          )}
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <TextInput
                label="E-mail"
                type="email"
                name="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={failure?.fieldErrors.email}
              />
              <PasswordInput
                label="Password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={failure?.fieldErrors.password}
              />
              {askTotp && (
                <TextInput
                  ref={totpRef}
                  label="Authenticator code"
                  description="The 6-digit code from your authenticator app"
                  name="totp"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={8}
                  value={totp}
                  onChange={(e) => setTotp(e.currentTarget.value)}
                  error={failure?.fieldErrors.totp}
                />
              )}
              <Button type="submit" loading={busy} disabled={locked} fullWidth size="md">
                Sign in
              </Button>
            </Stack>
          </form>
        </Stack>
      </Paper>
    </Box>
  );
}
