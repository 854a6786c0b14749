module.exports = {
  displayName: 'service-client',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
