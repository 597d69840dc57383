import { Box, Tooltip } from '@mantine/core';
import type { StreamStatus } from './backoff';

const look: Record<StreamStatus, { color: string; short: string; long: string }> = {
  connecting: { color: 'gray', short: 'Connecting', long: 'Live updates: connecting' },
  connected: { color: 'teal', short: 'Live', long: 'Live updates: connected' },
  reconnecting: { color: 'yellow', short: 'Reconnecting', long: 'Live updates: reconnecting' },
  offline: { color: 'red', short: 'Offline', long: 'Live updates: offline, retrying' },
};

/** Shows whether live updates flow (a coloured dot; words too from 768 px); changes are announced politely. */
export function ConnectionIndicator({ status }: { status: StreamStatus }) {
  const { color, short, long } = look[status];
  return (
    <Tooltip label={long}>
      <Box className="connection" role="status" aria-live="polite" aria-label={long} data-status={status}>
        <span
          className="connection-dot"
          aria-hidden
          style={{ background: `var(--mantine-color-${color}-7)` }}
        />
        <span className="connection-text">{short}</span>
      </Box>
    </Tooltip>
  );
}
