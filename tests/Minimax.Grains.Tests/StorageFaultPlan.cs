using Microsoft.Extensions.DependencyInjection;
using Minimax.Contracts.Grains;
using Minimax.Grains.Runs;
using Orleans.Serialization.Invocation;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Minimax.Grains.Tests;

/// <summary>
/// Storage faults armed on grain calls: when an armed call reaches its grain, the fault is put in place
/// just before the grain's method runs, so it hits exactly that call's state write. The faults are
/// Orleans' own (IStorageFaultGrain of the fault-injecting `runs` provider) or a write to the same row
/// by another writer (a real etag conflict).
/// </summary>
public sealed class StorageFaultPlan
{
    private readonly Lock _gate = new();
    private readonly List<(string Key, string Method, Func<IInvokable, bool> When, Func<IServiceProvider, GrainId, Task> Action, TaskCompletionSource Fired)> _armed = [];

    /// <summary>Arms <paramref name="action"/> on the next matching call; the task completes when it has run.</summary>
    public Task Arm(string grainKey, string method, Func<IServiceProvider, GrainId, Task> action, Func<IInvokable, bool>? when = null)
    {
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _armed.Add((grainKey, method, when ?? (_ => true), action, fired));
        }
        return fired.Task;
    }

    /// <summary>Takes the first armed action that matches the call, if any.</summary>
    public (Func<IServiceProvider, GrainId, Task> Action, TaskCompletionSource Fired)? Take(IIncomingGrainCallContext context)
    {
        var key = context.TargetId.Key.ToString();
        lock (_gate)
        {
            var index = _armed.FindIndex(armed => armed.Key == key && armed.Method == context.MethodName && armed.When(context.Request));
            if (index < 0)
            {
                return null;
            }
            var taken = _armed[index];
            _armed.RemoveAt(index);
            return (taken.Action, taken.Fired);
        }
    }

    /// <summary>The grain's next write of state <paramref name="stateName"/> fails with <paramref name="fault"/>.</summary>
    public static Func<IServiceProvider, GrainId, Task> FailNextWrite(string stateName, Exception fault) =>
        (services, grain) => services.GetRequiredService<IGrainFactory>().GetGrain<IStorageFaultGrain>(stateName).AddFaultOnWrite(grain, fault);

    /// <summary>Another writer changes the run's row (a new etag), so the grain's next write conflicts.</summary>
    public static Func<IServiceProvider, GrainId, Task> ChangeRunRowElsewhere(Action<RunState> change) =>
        async (services, grain) =>
        {
            var storage = services.GetRequiredKeyedService<IGrainStorage>("runs");
            var row = new GrainState<RunState>();
            await storage.ReadStateAsync("run", grain, row);
            change(row.State ??= new RunState());
            await storage.WriteStateAsync("run", grain, row);
        };

    /// <summary>Matches ReportProgressAsync for one step.</summary>
    public static Func<IInvokable, bool> ProgressAt(int step) => request => request.GetArgument(0) is ProgressRecord progress && progress.Step == step;

    /// <summary>Matches RecordCheckpointAsync for one step.</summary>
    public static Func<IInvokable, bool> CheckpointAt(int step) => request => request.GetArgument(1) is int at && at == step;
}
