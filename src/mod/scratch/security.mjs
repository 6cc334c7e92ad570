export const fixtures = () => ({
  'GET /api/v1/scratch': { perm: 'public' },
});
