import { z } from 'zod';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { POSITION_SHARERS } from '../common/location-access.js';
import { OrderRef } from '../orders/orders.schema.js';
import {
  DeliveryNotOnTheWay,
  LocationConsentRequired,
  LocationSharingEnded,
} from './courier-location.errors.js';
import './courier-location.errors.schema.js';
import { CourierPositionRef, LocationConsentRef } from './courier-location.schema.js';
import { reportCourierPosition } from './courier-position.service.js';
import { giveLocationConsent, withdrawLocationConsent } from './location-consent.service.js';

const rereadConsent = (ctx: Context, { id }: { id: string }) =>
  ctx.prisma.locationConsent.findUniqueOrThrow({ where: { id } });
const rereadPosition = (ctx: Context, { id }: { id: string }) =>
  ctx.prisma.courierPosition.findUniqueOrThrow({ where: { id } });

builder.mutationFields((t) => ({
  giveLocationConsent: t.field({
    type: LocationConsentRef,
    description:
      'The caller agrees to share their position in the active shop while a delivery of theirs is on the way: ' +
      'with the shop’s managers and with the customer of that order.',
    authScopes: POSITION_SHARERS,
    resolve: async (_root, _args, ctx) => rereadConsent(ctx, await giveLocationConsent(ctx)),
  }),
  withdrawLocationConsent: t.field({
    type: LocationConsentRef,
    nullable: true,
    description:
      'The caller withdraws their consent: no position is taken from now on, and those they shared in this ' +
      'shop are deleted. Null when they never gave one.',
    authScopes: POSITION_SHARERS,
    resolve: async (_root, _args, ctx) => {
      const consent = await withdrawLocationConsent(ctx);
      return consent ? rereadConsent(ctx, consent) : null;
    },
  }),
  reportCourierPosition: t.field({
    type: CourierPositionRef,
    description:
      'The courier’s phone reports where the delivery is: only the order’s courier, with their consent, while ' +
      'it is OUT_FOR_DELIVERY and within its window. Send as often as the phone likes: one report per ' +
      'COURIER_POSITION_MIN_INTERVAL_SECONDS is stored; the answer is the position stored last.',
    authScopes: POSITION_SHARERS,
    errors: { types: [LocationConsentRequired, DeliveryNotOnTheWay, LocationSharingEnded] },
    args: {
      orderId: t.arg.globalID({ for: OrderRef, required: true }),
      latitude: t.arg.float({
        validate: z
          .number()
          .min(-90, 'Latitude is between -90 and 90')
          .max(90, 'Latitude is between -90 and 90'),
      }),
      longitude: t.arg.float({
        validate: z
          .number()
          .min(-180, 'Longitude is between -180 and 180')
          .max(180, 'Longitude is between -180 and 180'),
      }),
      accuracyMeters: t.arg.float({
        required: false,
        validate: z.number().min(0, 'Accuracy is not negative').max(100_000, 'At most 100 km').nullish(),
      }),
      recordedAt: t.arg({
        type: 'DateTime',
        required: false,
        description: 'When the phone took the fix; now by default.',
      }),
    },
    resolve: async (_root, args, ctx) =>
      rereadPosition(
        ctx,
        await reportCourierPosition(ctx, {
          orderId: args.orderId.id,
          latitude: args.latitude,
          longitude: args.longitude,
          accuracyMeters: args.accuracyMeters,
          recordedAt: args.recordedAt,
        }),
      ),
  }),
}));
