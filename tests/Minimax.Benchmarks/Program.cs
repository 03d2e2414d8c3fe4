using System.Globalization;
using Minimax.Benchmarks;

// dotnet run -c Release --project tests/Minimax.Benchmarks -- [steps|checkpoint|durable|load|doremi|spec] [numbers...]
//   steps [STEPS=150] [ROUNDS=3]                 step time with W workers / plain TorchSharp loop (default;
//                                                 a bare "200 5" still means steps 200 5)
//   checkpoint [REPEATS=20] [TRAIN_STEPS=60]     checkpoint size, write/read/restore ms, local and blob
//   durable [STEPS=200] [ROUNDS=3] [EVERY=100]   median step with azure storage (Azurite) / memory storage
//   load [RUNS=100] [CLIENTS=10] [STEPS=10]      two silo processes, concurrent clients, submit latency
//   doremi [STEPS=100] [ROUNDS=3]                DoReMi proxy step (W=1, 2) / plain LM training step
//   spec [REPEATS=7]                             submit-time validation of 1 MiB specs full of names, median and min ms
//   exchange [STEPS=30] [ROUNDS=3]               gradient exchange on 2 and 4 silo processes / loopback TCP bound
var mode = args.Length > 0 && !char.IsDigit(args[0][0]) ? args[0] : "steps";
var numbers = (mode == "steps" && (args.Length == 0 || char.IsDigit(args[0][0])) ? args : args.Skip(1)).ToArray();
int Arg(int index, int fallback) => numbers.Length > index ? int.Parse(numbers[index], CultureInfo.InvariantCulture) : fallback;

switch (mode)
{
    case "steps":
        await StepTimeBenchmark.RunAsync(Arg(0, 150), Arg(1, 3), Console.Out);
        return 0;
    case "checkpoint":
        await CheckpointBenchmark.RunAsync(Arg(0, 20), Arg(1, 60), Console.Out);
        return 0;
    case "durable":
        await DurableBenchmark.RunAsync(Arg(0, 200), Arg(1, 3), Arg(2, 100), Console.Out);
        return 0;
    case "doremi":
        await ProxyStepBenchmark.RunAsync(Arg(0, 100), Arg(1, 3), Console.Out);
        return 0;
    case "spec":
        SpecValidationBenchmark.Run(Arg(0, 7), Console.Out);
        return 0;
    case "exchange":
        return await ExchangeBenchmark.RunAsync(Arg(0, 30), Arg(1, 3), Console.Out);
    case "load":
        return await LoadBenchmark.RunAsync(Arg(0, 100), Arg(1, 10), Arg(2, 10), Console.Out);
    default:
        Console.Error.WriteLine($"unknown benchmark '{mode}': one of steps, checkpoint, durable, load, doremi, spec, exchange");
        return 2;
}
