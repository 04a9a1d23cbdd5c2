import type { ResultOf } from 'gql.tada';
import type { MessageKey } from '../../i18n/messages';
import type {
  FinishProductionTaskMutation,
  ReleaseProductionTaskMutation,
  TakeProductionTaskMutation,
} from './production-task.documents';

type Answer =
  | ResultOf<typeof TakeProductionTaskMutation>['takeProductionTask']
  | ResultOf<typeof ReleaseProductionTaskMutation>['releaseProductionTask']
  | ResultOf<typeof FinishProductionTaskMutation>['finishProductionTask'];

/** What taking, releasing or finishing a task answers when it is refused. */
export type TaskRefusal = Exclude<Answer, { __typename: `Mutation${string}Success` }>;

export const taskRefusalMessages: Record<TaskRefusal['__typename'], MessageKey> = {
  TaskAlreadyTaken: 'productionTask.refused.taken',
  TaskNotHeld: 'productionTask.refused.notHeld',
  InvalidTaskStatus: 'productionTask.refused.status',
  InvalidTransition: 'productionTask.refused.status',
  StaleVersion: 'productionTask.refused.stale',
  InsufficientStock: 'productionTask.refused.stock',
};
