using Minimax.Benchmarks;

// Median time per training step with W workers in one silo, divided by the median time per step of a
// plain single-process TorchSharp loop on the same MLP (100-512-512-2), batch (256) and optimizer.
var steps = args.Length > 0 ? int.Parse(args[0]) : 150;
var rounds = args.Length > 1 ? int.Parse(args[1]) : 3;
await StepTimeBenchmark.RunAsync(steps, rounds, Console.Out);
