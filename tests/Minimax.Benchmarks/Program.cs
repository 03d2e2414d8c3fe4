using System.Globalization;
using Minimax.Benchmarks;

// dotnet run -c Release --project tests/Minimax.Benchmarks -- [MODE] [numbers...] [--threads N]
//   steps [STEPS=150] [ROUNDS=3]                 step time, MLP 100-512-512-2 batch 256: plain TorchSharp loop, W=1, 2, 4,
//                                                 PyTorch (default mode; a bare "200 5" still means steps 200 5)
//   heavy [STEPS=50] [ROUNDS=3]                  the same for MLP 100-1024-1024-2 batch 1024: plain, W=1, W=2, PyTorch
//   e2e [EPOCHS=20] [ROUNDS=3]                   examples/s of a whole Group DRO run, W=1 and W=2, against a PyTorch script
//   doremi [STEPS=100] [ROUNDS=3]                DoReMi proxy step (W=1, 2) / plain LM step with the reference forward
//   profile [STEPS=200] [ROUNDS=3]               a W=1 step taken apart, piece by piece (docs/performance.md)
//   checkpoint [REPEATS=20] [TRAIN_STEPS=60]     checkpoint size, write/read/restore ms, local and blob
//   durable [STEPS=200] [ROUNDS=3] [EVERY=100]   median step with azure storage (Azurite) / memory storage
//   load [RUNS=100] [CLIENTS=10] [STEPS=10]      two silo processes, concurrent clients, submit latency
//   spec [REPEATS=7]                             submit-time validation of 1 MiB specs full of names, median and min ms
//   exchange [STEPS=30] [ROUNDS=3]               gradient exchange on 2 and 4 silo processes / loopback TCP bound
//   telemetry [STEPS=200] [ROUNDS=3]             median W=1 step with telemetry on (scraped, traced) / off
//   scale [STEPS=20] [ROUNDS=2] [JOBS=1000] [CLIENTS=20]  8 silo processes: runs of 8..64 workers (coordinator us/worker/step),
//                                                 then JOBS small jobs from CLIENTS concurrent clients (docs/scaling.md)
// --threads N (or MINIMAX_BENCH_THREADS=N): N intra-op threads for every configuration, the silo's workers included
// (Workers:IntraOpThreads); by default a silo's cores are shared among its workers and a plain loop gets a lone worker's share.
var arguments = args.ToList();
BenchmarkThreads threads;
try
{
    threads = BenchmarkThreads.FromArguments(arguments);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
var mode = arguments.Count > 0 && !char.IsDigit(arguments[0][0]) ? arguments[0] : "steps";
var numbers = (mode == "steps" && (arguments.Count == 0 || char.IsDigit(arguments[0][0])) ? arguments : arguments.Skip(1)).ToArray();
int Arg(int index, int fallback) => numbers.Length > index ? int.Parse(numbers[index], CultureInfo.InvariantCulture) : fallback;

switch (mode)
{
    case "steps":
        await StepTimeBenchmark.RunStepsAsync(Arg(0, 150), Arg(1, 3), threads, Console.Out);
        return 0;
    case "heavy":
        await StepTimeBenchmark.RunHeavyAsync(Arg(0, 50), Arg(1, 3), threads, Console.Out);
        return 0;
    case "profile":
        await StepProfile.RunAsync(Arg(0, 200), Arg(1, 3), threads, Console.Out);
        return 0;
    case "e2e":
        await EndToEndBenchmark.RunAsync(Arg(0, 20), Arg(1, 3), threads, Console.Out);
        return 0;
    case "doremi":
        await ProxyStepBenchmark.RunAsync(Arg(0, 100), Arg(1, 3), threads, Console.Out);
        return 0;
    case "checkpoint":
        await CheckpointBenchmark.RunAsync(Arg(0, 20), Arg(1, 60), threads, Console.Out);
        return 0;
    case "durable":
        await DurableBenchmark.RunAsync(Arg(0, 200), Arg(1, 3), Arg(2, 100), threads, Console.Out);
        return 0;
    case "spec":
        SpecValidationBenchmark.Run(Arg(0, 7), Console.Out);
        return 0;
    case "exchange":
        return await ExchangeBenchmark.RunAsync(Arg(0, 30), Arg(1, 3), Console.Out);
    case "telemetry":
        await TelemetryBenchmark.RunAsync(Arg(0, 200), Arg(1, 3), threads, Console.Out);
        return 0;
    case "scale":
        return await ScaleBenchmark.RunAsync(Arg(0, 20), Arg(1, 2), Arg(2, 1000), Arg(3, 20), threads, Console.Out);
    case "load":
        return await LoadBenchmark.RunAsync(Arg(0, 100), Arg(1, 10), Arg(2, 10), Console.Out);
    default:
        Console.Error.WriteLine($"unknown benchmark '{mode}': one of steps, heavy, e2e, doremi, profile, checkpoint, durable, load, spec, exchange, telemetry, scale");
        return 2;
}
