using BenchmarkDotNet.Running;
using CodingRules.Benchmarks.Processes;
using CodingRules.Benchmarks.ServiceLoad;

// Run all:      dotnet run -c Release --project bench/CodingRules.Benchmarks -- --filter '*'
// Run one:      dotnet run -c Release --project bench/CodingRules.Benchmarks -- --filter '*Ndjson*'
// The CLI as a user runs it, process start included (ProcessBenchmark; options: -- process --help):
//               dotnet run -c Release --project bench/CodingRules.Benchmarks -- process \
//                 --cli "dotnet src/CodingRules.Cli/bin/Release/net10.0/CodingRules.Cli.dll" [--baseline "COMMAND"]
// The service under load on 127.0.0.1, beside the CLI on the same encounters (ServiceLoadBenchmark; -- load --help):
//               dotnet run -c Release --project bench/CodingRules.Benchmarks -- load \
//                 --cli out/codingrules/CodingRules.Cli [--clients 1,2,4] [--seconds 10] [--runs 3]
// Results and how to read them: docs/performance.md.
if (args is ["process", .. var options])
{
    return ProcessBenchmark.Run(options);
}

if (args is ["load", .. var loadOptions])
{
    return ServiceLoadBenchmark.Run(loadOptions);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
