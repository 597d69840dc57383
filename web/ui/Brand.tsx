import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconMessageCircle2 } from '@tabler/icons-react';

/** The Parley word mark; `suffix` names the app (e.g. "Client portal"). */
export function Brand({ suffix }: { suffix?: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <ThemeIcon size="lg" radius="md" aria-hidden>
        <IconMessageCircle2 size={20} stroke={1.8} />
      </ThemeIcon>
      <Text fw={700} size="lg" c="var(--parley-brand-text)">
        Parley
      </Text>
      {suffix && (
        <Text size="sm" c="dimmed" visibleFrom="xs">
          {suffix}
        </Text>
      )}
    </Group>
  );
}
