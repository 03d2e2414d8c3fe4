using Grpc.Core;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Engine.Files;
using Minimax.Silo.Hosting;

namespace Minimax.Silo.Services.Jobs;

/// <summary>
/// A kind: sweep spec as a valid sweep, or INVALID_ARGUMENT naming the field: the base run spec read
/// from inside the data roots (like a dataset, it is a file the silo opens), every trial bound and then
/// checked as a run of its own, and its parallel trials within the tenant's concurrent-jobs limit.
/// </summary>
public static class SweepValidation
{
    public static SweepSpec Validate(ParsedSpec parsed, RunLimits limits, DataRoots dataRoots)
    {
        var spec = SubmitValidation.Checked(() => SweepSpecReader.Read(parsed.Document, parsed.SpecDirectory, path => ReadBase(path, dataRoots, limits)));
        if (spec.Parallel > limits.MaxConcurrentRunsPerTenant)
        {
            throw SubmitValidation.Invalid("parallel", $"at most {limits.MaxConcurrentRunsPerTenant} trials at once on this cluster (Limits:MaxConcurrentRunsPerTenant)");
        }
        return spec with
        {
            Configurations = [.. spec.Configurations.Select(configuration => configuration with
            {
                Trials = [.. configuration.Trials.Select(trial => trial with { Run = CheckTrial(trial.Run, [.. configuration.Values, .. trial.Values], limits, dataRoots) })],
            })],
        };
    }

    private static RunSpec CheckTrial(RunSpec run, IReadOnlyList<SweepValueSpec> values, RunLimits limits, DataRoots dataRoots)
    {
        try
        {
            return SubmitValidation.Check(run, limits, dataRoots);
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.InvalidArgument)
        {
            var detail = exception.Status.Detail;
            var colon = detail.IndexOf(": ", StringComparison.Ordinal);
            var error = colon > 0
                ? SweepSpecReader.InTrial(detail[..colon], detail[(colon + 2)..], values)
                : SweepSpecReader.InTrial("", detail, values);
            throw SubmitValidation.Invalid(error.Field, error.Reason);
        }
    }

    private static string ReadBase(string path, DataRoots dataRoots, RunLimits limits)
    {
        try
        {
            using var reader = dataRoots.OpenText(path);
            var buffer = new char[limits.MaxSpecBytes + 1];
            var length = reader.ReadBlock(buffer, 0, buffer.Length);
            return length > limits.MaxSpecBytes
                ? throw new IOException($"larger than {limits.MaxSpecBytes} bytes (Limits:MaxSpecBytes)")
                : new string(buffer, 0, length);
        }
        catch (DataException exception)
        {
            throw new IOException(exception.Message, exception);
        }
    }
}
