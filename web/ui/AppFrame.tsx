import { AppShell, Burger, Container, Group, NavLink, ScrollArea } from '@mantine/core';
import { useDisclosure, useReducedMotion } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { Brand } from './Brand';
import { SkipLink } from './SkipLink';

/** One entry of the side navigation. */
export interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
}

interface AppFrameProps {
  brandSuffix?: string;
  nav: NavItem[];
  /** Controls at the right of the header (connection, notifications, account). */
  actions: ReactNode;
  children: ReactNode;
}

/** Header, side navigation (a burger drawer below 768 px) and the main landmark. */
export function AppFrame({ brandSuffix, nav, actions, children }: AppFrameProps) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const reduceMotion = useReducedMotion();
  // The longest matching entry wins, so "/admin/users" marks Users and not also the "/admin" overview.
  const activeTo = nav
    .filter((item) => pathname === item.to || pathname.startsWith(`${item.to}/`))
    .reduce<string | undefined>(
      (best, item) => (best && best.length >= item.to.length ? best : item.to),
      undefined,
    );
  return (
    <AppShell
      transitionDuration={reduceMotion ? 0 : 200}
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'lg' }}
    >
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
              aria-controls="app-navigation"
            />
            <Brand suffix={brandSuffix} />
          </Group>
          <Group gap="xs" wrap="nowrap">
            {actions}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        id="app-navigation"
        className="app-navbar"
        data-mobile-collapsed={opened ? undefined : true}
        p="sm"
        aria-label="Main navigation"
      >
        <ScrollArea type="never">
          {nav.map((item) => {
            const active = item.to === activeTo;
            return (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                leftSection={item.icon}
                active={active}
                aria-current={active ? 'page' : undefined}
                onClick={close}
                variant="light"
                fw={500}
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
                mb={4}
              />
            );
          })}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} bg="var(--parley-surface-muted)">
        <Container size="lg" px={0}>
          {children}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
