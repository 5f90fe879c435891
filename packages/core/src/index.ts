export { UserInputError } from "@eks-sfn/rbac";
