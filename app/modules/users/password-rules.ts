/**
 * The password rule, shared by the server's validation and the form that states it. Not a .server module: the
 * browser renders the form's hint too, and a .server import is an empty module there.
 */
export const PASSWORD_MIN = 12;
