import { useQuery } from '@tanstack/react-query';
import type { Page } from '../../../contracts/page';
import { DEFAULT_TIME_ZONE } from '../../../contracts/time-zone';
import { useApi } from '../../ui/Providers';
import { ApiError, describeError } from '../../ui/problem';

/** A staff user as an admin sees it (`GET /api/v1/users`). */
export interface AdminUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  permissions: string[];
  phone: string | null;
  totpEnabled: boolean;
  createdAt: string;
}

export const roles = ['admin', 'attorney', 'staff', 'agent'] as const;
export type Role = (typeof roles)[number];

/** Every grantable permission with the words the admin screens use for it. */
export const permissionLabels: Record<string, string> = {
  'secure_chat.view_all': 'Can View All Secure Chats',
  'matters.view_all': 'Can view all matters',
  'message_center.use': 'Uses the Message Center',
  'message_center.view_all': 'Supervises every Message Center team',
  'settings.manage': 'Manages firm settings',
  'billing.manage': 'Manages billing and time',
  'users.manage': 'Manages users',
  'audit.read': 'Reads the audit log',
};

/** A team or circle (`GET /api/v1/teams`). */
export interface Team {
  id: string;
  name: string;
  kind: 'team' | 'circle';
  memberIds: string[];
  createdAt: string;
}

export const adminKeys = {
  users: ['users', 'admin'] as const,
  teams: ['teams'] as const,
  settings: ['settings'] as const,
  numbers: ['secure-chat-numbers'] as const,
  audit: (action: string) => ['audit', { action }] as const,
};

/** Every user of the firm, deactivated ones too. */
export function useAdminUsers() {
  const api = useApi();
  return useQuery({
    queryKey: adminKeys.users,
    queryFn: () => api.get<Page<AdminUser>>('/api/v1/users?limit=200'),
  });
}

/** Every team and circle of the firm. */
export function useTeams() {
  const api = useApi();
  return useQuery({
    queryKey: adminKeys.teams,
    queryFn: () => api.get<Page<Team>>('/api/v1/teams?limit=200'),
  });
}

/** The firm settings the admin screens show and change (`GET /api/v1/settings`). */
export interface FirmSettings {
  /** IANA zone of the firm's day (descriptions, work dates, exports). */
  timeZone: string;
  secureChatEnabled: boolean;
  secureChatMaxOpenPerClient: number;
  /** Minutes before an unclaimed or waiting Message Center conversation raises an alert. */
  alertMinutes?: number;
  timeCapture: {
    enabled: boolean;
    disabledUserIds: string[];
    defaultRateCents: number;
    incrementMinutes: number;
    chatWindowMinutes: number;
    emailDefaultMinutes: number;
  };
}

/** The firm's settings; every staff user may read them. */
export function useFirmSettings() {
  const api = useApi();
  return useQuery({
    queryKey: adminKeys.settings,
    queryFn: () => api.get<FirmSettings>('/api/v1/settings'),
  });
}

/**
 * The firm's time zone, in which firm-day things are shown (the day an event's work belongs to);
 * the demo's default until the settings arrive.
 */
export function useFirmTimeZone(): string {
  return useFirmSettings().data?.timeZone ?? DEFAULT_TIME_ZONE;
}

/** The message of a 400 for one field, when the server named it. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError
    ? error.problem.errors?.find((e) => e.field === field)?.message
    : undefined;
}

/** What to say above the buttons: any failure that is not a list of field errors. */
export function formError(error: unknown): string | null {
  if (!error) return null;
  if (error instanceof ApiError && error.problem.errors?.length) return null;
  return describeError(error);
}
