import { AuthPayloadFields } from '../../auth/auth.documents';
import { graphql } from '../../graphql/graphql';

export const LoginWithTelegramMutation = graphql(
  `
  mutation LoginWithTelegram($initData: String!, $device: String, $installation: String) {
    loginWithTelegram(initData: $initData, device: $device, installation: $installation) {
      ...AuthPayloadFields
    }
  }
`,
  [AuthPayloadFields],
);

export const LoginWithPasswordMutation = graphql(
  `
  mutation LoginWithPassword($email: String!, $password: String!, $device: String) {
    loginWithPassword(email: $email, password: $password, device: $device) {
      ...AuthPayloadFields
    }
  }
`,
  [AuthPayloadFields],
);

export const RequestLoginCodeMutation = graphql(`
  mutation RequestLoginCode($email: String!) {
    requestLoginCode(email: $email)
  }
`);

export const LoginWithCodeMutation = graphql(
  `
  mutation LoginWithCode($email: String!, $code: String!, $device: String) {
    loginWithCode(email: $email, code: $code, device: $device) {
      ...AuthPayloadFields
    }
  }
`,
  [AuthPayloadFields],
);
