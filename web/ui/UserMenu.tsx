import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout, IconUser } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ColorSchemeItems } from './ColorSchemeItems';

interface UserMenuProps {
  name: string;
  /** A second line in the menu, e.g. the e-mail address and role. */
  detail: string;
  onSignOut: () => void;
  signingOut: boolean;
  /** Shows "Change password" in the menu (staff only: portal passwords are set by invitation). */
  onChangePassword?: () => void;
  /** More menu items of the app (e.g. the staff app's desktop notification switch). */
  extraItems?: ReactNode;
}

/** The account button in the header: who is signed in, Appearance, Change password (when offered) and Sign out. */
export function UserMenu({
  name,
  detail,
  onSignOut,
  signingOut,
  onChangePassword,
  extraItems,
}: UserMenuProps) {
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${name}`} data-testid="user-menu" p={4}>
          <Group gap={8} wrap="nowrap">
            <Avatar color="parley" radius="xl" size={32} aria-hidden>
              <IconUser size={18} />
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm">
              {name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)">
            {name}
          </Text>
          <Text size="xs" c="dimmed">
            {detail}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <ColorSchemeItems />
        <Menu.Divider />
        {onChangePassword && (
          <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={onChangePassword}>
            Change password
          </Menu.Item>
        )}
        {extraItems}
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={onSignOut}
          disabled={signingOut}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
