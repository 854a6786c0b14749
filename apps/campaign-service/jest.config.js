module.exports = {
  displayName: 'campaign-service',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
