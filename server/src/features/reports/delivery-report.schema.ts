import { builder } from '../../builder.js';
import { reportedShop } from '../common/access.js';
import { REPORT_READERS } from '../dashboard/dashboard.schema.js';
import { type DeliveriesByDay, deliveriesByDay } from './delivery-report.service.js';
import { ReportPeriodInput } from './reports.schema.js';
import { type ReportPeriod, reportPeriod } from './reports.service.js';

const DeliveriesByDayRef = builder.objectRef<DeliveriesByDay>('DeliveriesByDay').implement({
  description: 'Delivery orders whose window ended on one local day, and how many were late.',
  fields: (t) => ({
    day: t.exposeString('day', { description: 'The local date the window ended, YYYY-MM-DD.' }),
    due: t.exposeInt('due', { description: 'Delivery orders due that day, cancelled ones excluded.' }),
    onTime: t.exposeInt('onTime', { description: 'Handed over by the end of their window.' }),
    late: t.exposeInt('late', {
      description: 'Handed over after their window, or not handed over once it ended.',
    }),
    undelivered: t.exposeInt('undelivered', {
      description: 'Of the late ones, those not handed over (yet, or the delivery failed).',
    }),
    averageLateMinutes: t.exposeFloat('averageLateMinutes', {
      nullable: true,
      description: 'How late the late handovers were on average, in minutes; null when none was.',
    }),
  }),
});

const DeliveryReportRef = builder.objectRef<ReportPeriod>('DeliveryReport').implement({
  description:
    'Deliveries of a period by the day their window ended: how many were on time and how many late.',
  fields: (t) => ({
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    timeZone: t.exposeString('timeZone'),
    byDay: t.field({
      type: [DeliveriesByDayRef],
      description: 'Days with deliveries due, in order; days without any are left out.',
      resolve: (p, _args, ctx) => deliveriesByDay(ctx, p),
    }),
  }),
});

builder.queryField('deliveryReport', (t) =>
  t.field({
    type: DeliveryReportRef,
    description:
      'On-time and late deliveries of the active shop for a period: admins, managers, reports:read keys.',
    authScopes: REPORT_READERS,
    args: { period: t.arg({ type: ReportPeriodInput }) },
    resolve: (_root, args, ctx) => reportPeriod(ctx, reportedShop(ctx), args.period),
  }),
);
