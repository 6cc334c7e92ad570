export const fixtures = () => ({}); export async function world() {} export const notOnPages = {};
