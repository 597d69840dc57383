// Every table, by area; `platform/db/schema` imports keep working through this file.

export * from './audit';
export * from './auth';
export * from './contacts';
export * from './conversations';
export * from './firms';
export * from './matters';
export * from './mc-secure-invites';
export * from './message-center';
export * from './notifications';
export * from './outbox';
export * from './portal-invitations';
export * from './presence';
export * from './secure-chat';
export * from './sms';
export * from './sms-consent';
export * from './teams';
export * from './time-capture';
export * from './transfers';
export * from './users';
