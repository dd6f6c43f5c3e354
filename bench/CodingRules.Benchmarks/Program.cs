using BenchmarkDotNet.Running;

// Run all:      dotnet run -c Release --project bench/CodingRules.Benchmarks -- --filter '*'
// Run one:      dotnet run -c Release --project bench/CodingRules.Benchmarks -- --filter '*Ndjson*'
// Results and how to read them: docs/performance.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
