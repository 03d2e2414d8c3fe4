using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Minimax.Contracts.Api;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Grains.Training;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;

namespace Minimax.Silo.Services;

/// <summary>Turns a SubmitRun request into a valid spec, or INVALID_ARGUMENT naming the field.</summary>
public static class SubmitValidation
{
    /// <summary>The default of Limits:MaxSpecBytes.</summary>
    public const int MaxSpecBytes = 1 << 20;

    public static RunSpec Validate(SubmitRunRequest request, RunLimits limits, DataRoots dataRoots)
    {
        if (string.IsNullOrWhiteSpace(request.SpecYaml))
        {
            throw Invalid("spec_yaml", "required");
        }
        // Characters first: a string with more chars than the limit has at least as many bytes, and is never encoded.
        if (request.SpecYaml.Length > limits.MaxSpecBytes || Encoding.UTF8.GetByteCount(request.SpecYaml) > limits.MaxSpecBytes)
        {
            throw Invalid("spec_yaml", $"larger than {limits.MaxSpecBytes} bytes (Limits:MaxSpecBytes)");
        }
        var directory = string.IsNullOrEmpty(request.SpecDirectory) ? Directory.GetCurrentDirectory() : request.SpecDirectory;
        if (!Path.IsPathFullyQualified(directory))
        {
            throw Invalid("spec_directory", "must be an absolute path");
        }

        RunSpec spec;
        try
        {
            spec = RunSpecReader.Read(request.SpecYaml, request.Overrides, directory);
        }
        catch (SpecException exception)
        {
            throw Invalid(exception.Field, exception.Reason);
        }
        if (spec.Training.Workers > limits.MaxWorkers)
        {
            throw Invalid("training.workers", $"at most {limits.MaxWorkers} workers per run on this cluster");
        }
        // Before any file is opened: the data paths must stay inside the data roots.
        spec = spec with
        {
            Data = spec.Data with
            {
                Train = Confine(dataRoots, "data.train", spec.Data.Train),
                Val = Confine(dataRoots, "data.val", spec.Data.Val),
                Test = Confine(dataRoots, "data.test", spec.Data.Test),
            },
        };

        try
        {
            TabularDatasetReader.ValidateColumns(spec.Data.ToDataOptions());
        }
        catch (DataException exception)
        {
            throw Invalid(DataField(spec.Data, exception), exception.Message);
        }
        return spec;
    }

    public static string RequireRunId(string runId)
    {
        if (string.IsNullOrWhiteSpace(runId))
        {
            throw Invalid("run_id", "required");
        }
        if (runId.Length > 128 || !runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw Invalid("run_id", "must be at most 128 letters, digits, '-' or '_'");
        }
        return runId;
    }

    /// <summary>The request id, or null when none was sent; INVALID_ARGUMENT when it is too long or not printable ASCII.</summary>
    public static string? RequireRequestId(string requestId)
    {
        if (string.IsNullOrEmpty(requestId))
        {
            return null;
        }
        if (requestId.Length > 128 || !requestId.All(c => c is >= '!' and <= '~'))
        {
            throw Invalid("request_id", "must be 1 to 128 printable ASCII characters without spaces");
        }
        return requestId;
    }

    /// <summary>The run id of a tenant's request id: the same pair always gives the same run, so retries are idempotent.</summary>
    public static string RunIdFor(string tenant, string requestId)
    {
        // The tenant is part of the hash, so two tenants using the same request id get different runs.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant}\n{requestId}"));
        return "run-" + Convert.ToHexStringLower(hash)[..12];
    }

    // The detail travels in an HTTP/2 trailer: a field or reason that echoes hostile input (a 900 KB key)
    // must not make the answer too large for the client to read.
    public static RpcException Invalid(string field, string reason) =>
        new(new Status(StatusCode.InvalidArgument, $"{Bounded(field, 200)}: {Bounded(reason, 1000)}"));

    private static string Bounded(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "...");

    // The physical path (links resolved), so the file checked is the file later opened.
    private static string Confine(DataRoots dataRoots, string field, string path)
    {
        string? physical;
        try
        {
            physical = dataRoots.Confine(path);
        }
        catch (IOException e)
        {
            throw Invalid(field, $"{path}: {e.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            physical = null;
        }
        return physical ?? throw Invalid(field, $"{path} is outside the data roots");
    }

    // The spec field a data problem points at: the column's field when a named column is at fault.
    private static string DataField(DataSpec data, DataException exception)
    {
        var column = exception.Column;
        if (column is not null)
        {
            if (column == data.Label)
            {
                return "data.label";
            }
            if (column == data.Group)
            {
                return "data.group";
            }
            if (data.GroupsBy.Contains(column))
            {
                return "data.groups_by";
            }
            if (data.Features.Contains(column))
            {
                return "data.features";
            }
        }
        if (exception.File is not { } file)
        {
            return "data";
        }
        var full = Path.GetFullPath(file);
        return full == data.Train ? "data.train" : full == data.Val ? "data.val" : full == data.Test ? "data.test" : "data";
    }
}
