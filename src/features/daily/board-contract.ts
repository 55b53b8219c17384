// The duty board (DAY-10): per temporary class of today's sessions, who is where.
import { z } from 'zod';

export const boardClass = z.object({
  id: z.string(),
  name: z.string(),
  sessionName: z.string(),
  endsAt: z.string(),
  enrolled: z.number(),
  onSite: z.number(),
  leave: z.number(),
  absent: z.number(),
  releasedConfirmed: z.number(),
  releasedAwaiting: z.number(),
  walkedHome: z.number(),
  rollTaken: z.boolean(),
  stillOnSite: z.array(z.object({ studentId: z.string(), name: z.string(), lateAlerted: z.boolean() })),
  awaiting: z.array(z.object({ releaseId: z.string(), name: z.string(), adultName: z.string().nullable() })),
});
export const boardView = z.object({
  date: z.string(),
  generatedAt: z.string(),
  classes: z.array(boardClass),
  totals: z.object({
    enrolled: z.number(),
    onSite: z.number(),
    stillOnSite: z.number(),
    awaiting: z.number(),
  }),
  alertsRaised: z.number(),
});
export type BoardView = z.infer<typeof boardView>;
