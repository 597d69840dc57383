import { type MantineColorScheme, Menu, useMantineColorScheme, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';

const choices: { value: MantineColorScheme; label: string; icon: typeof IconSun }[] = [
  { value: 'auto', label: 'Match system', icon: IconDeviceDesktop },
  { value: 'light', label: 'Light', icon: IconSun },
  { value: 'dark', label: 'Dark', icon: IconMoon },
];

/**
 * The appearance choice inside the account menu. Mantine keeps the choice in localStorage, so it
 * survives reloads; "Match system" follows the operating system's dark or light setting live.
 */
export function ColorSchemeItems() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <>
      <Menu.Label>Appearance</Menu.Label>
      {choices.map(({ value, label, icon: Icon }) => (
        <Menu.Item
          key={value}
          closeMenuOnClick={false}
          leftSection={<Icon size={16} aria-hidden />}
          rightSection={colorScheme === value ? <IconCheck size={14} aria-hidden /> : null}
          onClick={() => setColorScheme(value)}
        >
          {label}
          {colorScheme === value && <VisuallyHidden> (chosen)</VisuallyHidden>}
        </Menu.Item>
      ))}
    </>
  );
}
