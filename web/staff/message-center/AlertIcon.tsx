import { Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAlarm, IconExclamationCircle } from '@tabler/icons-react';
import type { AlertKind } from '../../../contracts/message-center';
import { alertLook } from './model';

/**
 * A row's alert: an exclamation mark while unclaimed, flashing once overdue (still, with a ring, for
 * people who asked for reduced motion), an alarm clock when a claimed conversation's customer waits too
 * long. The words are read by screen readers and shown on hover.
 */
export function AlertIcon({ alert }: { alert: AlertKind | null }) {
  const look = alertLook(alert);
  if (!look || !alert) return null;
  const Icon = look.icon === 'alarm' ? IconAlarm : IconExclamationCircle;
  return (
    <Tooltip label={look.label} withArrow>
      <span
        className="mc-alert"
        data-alert={alert}
        data-flashing={look.flashing || undefined}
        data-testid="alert"
      >
        <Icon size={20} aria-hidden stroke={2.2} />
        <VisuallyHidden>{look.label}</VisuallyHidden>
      </span>
    </Tooltip>
  );
}
