using Xunit.Sdk;
using Xunit.v3;

// Descriptor counts and RLIMIT_NOFILE are process-wide: a test running beside another would see its descriptors.
[assembly: Parallelization(Mode = ParallelMode.None)]
