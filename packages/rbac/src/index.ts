export { UserInputError } from "./user-input-error.ts";
