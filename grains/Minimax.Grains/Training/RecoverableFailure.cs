using Minimax.Contracts.Grains;
using Orleans.Runtime;

namespace Minimax.Grains.Training;

/// <summary>Failures that mean "a replica or a silo was lost", answered by resuming from the last checkpoint.</summary>
public static class RecoverableFailure
{
    public static bool Is(Exception exception)
    {
        while (exception is AggregateException { InnerException: { } inner })
        {
            exception = inner;
        }
        return exception is ReplicaMissingException
            or SiloUnavailableException
            or OrleansMessageRejectionException
            or TimeoutException;
    }
}
