import { z } from 'zod';
import { createFirm } from '../features/users/create-firm';
import { createUserBody } from '../features/users/schemas';
import { Problem } from '../platform/http/problem';
import { defineCommand } from './command';

const user = createUserBody.shape;

export const createFirmCommand = defineCommand({
  name: 'create-firm',
  synopsis: '--name N --admin-email E --admin-password P [--admin-name A]',
  summary: 'create a firm and its first administrator; prints the firm id',
  options: {
    name: { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-password': { type: 'string' },
    'admin-name': { type: 'string' },
  },
  args: z.object({
    name: user.name,
    'admin-email': user.email,
    'admin-password': user.password,
    'admin-name': user.name.default('Administrator'),
  }),
  async run(ctx, args) {
    try {
      const { firmId } = await createFirm(ctx.deps, {
        name: args.name,
        admin: { email: args['admin-email'], name: args['admin-name'], password: args['admin-password'] },
      });
      ctx.out(`${firmId}\n`);
      return 0;
    } catch (error) {
      if (error instanceof Problem && error.slug === 'email-taken') {
        ctx.err('--admin-email: a user with this e-mail address already exists\n');
        return 1;
      }
      throw error;
    }
  },
});
