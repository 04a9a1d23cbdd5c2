import { builder } from '../../builder.js';
import { DomainErrorRef } from '../common/domain-error.schema.js';
import { OrderStatusEnum } from '../orders/orders.schema.js';
import {
  DeliveryNotOnTheWay,
  LocationConsentRequired,
  LocationSharingEnded,
} from './courier-location.errors.js';

builder.objectType(LocationConsentRequired, {
  name: 'LocationConsentRequired',
  interfaces: [DomainErrorRef],
  fields: () => ({}),
});

builder.objectType(DeliveryNotOnTheWay, {
  name: 'DeliveryNotOnTheWay',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ status: t.expose('status', { type: OrderStatusEnum }) }),
});

builder.objectType(LocationSharingEnded, {
  name: 'LocationSharingEnded',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ endedAt: t.expose('endedAt', { type: 'DateTime' }) }),
});
