import { graphql } from '../../graphql/graphql';
import { ApiKeyFields } from './api-keys.loader';

/** `key` is the secret: it comes only in this answer and is shown once. */
export const CreateApiKeyMutation = graphql(
  `
  mutation CreateApiKey($name: String!, $scopes: [ApiScope!]!, $expiresAt: DateTime) {
    createApiKey(name: $name, scopes: $scopes, expiresAt: $expiresAt) {
      key
      apiKey {
        ...ApiKeyFields
      }
    }
  }
`,
  [ApiKeyFields],
);

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);
