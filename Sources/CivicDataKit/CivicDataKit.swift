// The umbrella module: `import CivicDataKit` is enough to use every library.
@_exported import CivicAnalysis
@_exported import CivicModels
@_exported import CivicPrivacy
@_exported import CivicPublishing
@_exported import CivicStorage
