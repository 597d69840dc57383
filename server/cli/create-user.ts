import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { insertUser } from '../features/users/create-user';
import { createUserBody } from '../features/users/schemas';
import { firms } from '../platform/db/schema';
import { Problem } from '../platform/http/problem';
import { defineCommand } from './command';

const user = createUserBody.shape;

export const createUserCommand = defineCommand({
  name: 'create-user',
  synopsis: '--firm F --email E --role admin|attorney|staff|agent --password P [--name N]',
  summary: "add a staff user to a firm with the role's default permissions; prints the user id",
  options: {
    firm: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
  },
  args: z.object({
    firm: z.uuid(),
    email: user.email,
    role: user.role,
    password: user.password,
    name: user.name.optional(),
  }),
  async run(ctx, args) {
    const [firm] = await ctx.deps.db.select({ id: firms.id }).from(firms).where(eq(firms.id, args.firm));
    if (!firm) {
      ctx.err('--firm: no firm has this id\n');
      return 2;
    }
    try {
      const created = await ctx.deps.db.transaction((tx) =>
        insertUser(
          tx,
          args.firm,
          {
            email: args.email,
            // Without --name the user appears under the part of the address before the @.
            name: args.name ?? args.email.split('@')[0] ?? args.email,
            role: args.role,
            password: args.password,
          },
          { actorType: 'system' },
        ),
      );
      ctx.out(`${created.id}\n`);
      return 0;
    } catch (error) {
      if (error instanceof Problem && error.slug === 'email-taken') {
        ctx.err('--email: a user with this e-mail address already exists\n');
        return 1;
      }
      throw error;
    }
  },
});
