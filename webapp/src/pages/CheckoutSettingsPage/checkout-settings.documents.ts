import { graphql } from '../../graphql/graphql';

export const UpdateCheckoutRulesMutation = graphql(`
  mutation UpdateCheckoutRules($input: CheckoutRulesInput!) {
    updateCheckoutRules(input: $input) {
      sameDayCutoffMinutes
      cardTextMaxLength
    }
  }
`);

export const UpsertDeliverySlotMutation = graphql(`
  mutation UpsertDeliverySlot($input: DeliverySlotInput!) {
    upsertDeliverySlot(input: $input) {
      id
    }
  }
`);

export const DeleteDeliverySlotMutation = graphql(`
  mutation DeleteDeliverySlot($id: ID!) {
    deleteDeliverySlot(id: $id)
  }
`);

export const AddShopClosureMutation = graphql(`
  mutation AddShopClosure($date: String!, $reason: String) {
    addShopClosure(date: $date, reason: $reason) {
      date
    }
  }
`);

export const RemoveShopClosureMutation = graphql(`
  mutation RemoveShopClosure($date: String!) {
    removeShopClosure(date: $date)
  }
`);

export const UpsertDeliveryZoneMutation = graphql(`
  mutation UpsertDeliveryZone($input: DeliveryZoneInput!) {
    upsertDeliveryZone(input: $input) {
      id
    }
  }
`);

export const ArchiveDeliveryZoneMutation = graphql(`
  mutation ArchiveDeliveryZone($id: ID!) {
    archiveDeliveryZone(id: $id) {
      id
      active
    }
  }
`);
