using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Minimax.Contracts.Api;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Engine.Files;
using Minimax.Engine.Text;
using Minimax.Grains.Training;
using Minimax.Silo.Hosting;
using Minimax.Silo.Services.Jobs;

namespace Minimax.Silo.Services;

/// <summary>Turns a submitted spec into a valid spec of its kind, or INVALID_ARGUMENT naming the field.</summary>
public static class SubmitValidation
{
    /// <summary>The default of Limits:MaxSpecBytes.</summary>
    public const int MaxSpecBytes = 1 << 20;

    /// <summary>
    /// The submitted spec within Limits:MaxSpecBytes, parsed once with its overrides applied, for its kind
    /// and then its kind's validation; INVALID_ARGUMENT naming the field.
    /// </summary>
    public static ParsedSpec Parse(SpecSubmission request, RunLimits limits)
    {
        var directory = CheckSpecText(request, limits);
        return new ParsedSpec(Checked(() => SpecDocument.Parse(request.SpecYaml, request.Overrides)), directory);
    }

    /// <summary>The spec's kind (train when it names none), or INVALID_ARGUMENT naming the field.</summary>
    public static SpecKind KindOf(ParsedSpec parsed) => Checked(() => parsed.Document.Kind);

    public static RunSpec Validate(ParsedSpec parsed, RunLimits limits, DataRoots dataRoots) =>
        Check(Checked(() => RunSpecReader.Read(parsed.Document, parsed.SpecDirectory)), limits, dataRoots);

    /// <summary>A bound run spec checked against this cluster: its workers, its data confined to the roots and laid out as it says, its memory.</summary>
    public static RunSpec Check(RunSpec spec, RunLimits limits, DataRoots dataRoots)
    {
        CheckWorkers(spec.Training, limits);
        spec = spec with { Data = CheckData(spec.Data, spec.Model.Context, dataRoots) };
        CheckDomainNames(spec.Data, spec.Data.Mixture, "data.mixture", dataRoots);
        return spec with { Memory = WorkerMemoryCheck.Training(spec.Model, spec.Training, spec.Data, spec.Reference is not null, dataRoots, limits) };
    }

    /// <summary>A kind: doremi spec as a valid mixture spec, or INVALID_ARGUMENT naming the field.</summary>
    public static MixtureSpec ValidateMixture(ParsedSpec parsed, RunLimits limits, DataRoots dataRoots)
    {
        var spec = Checked(() => MixtureSpecReader.Read(parsed.Document, parsed.SpecDirectory));
        CheckWorkers(spec.Training, limits);
        spec = spec with { Data = CheckData(spec.Data, spec.Model.Context, dataRoots) };
        CheckDomainNames(spec.Data, spec.DoReMi.ReferenceWeights, "doremi.reference_weights", dataRoots);
        // The proxy stage is the largest: it trains beside the frozen reference model.
        return spec with { Memory = WorkerMemoryCheck.Training(spec.Model, spec.Training, spec.Data, reference: true, dataRoots, limits) };
    }

    /// <summary>A kind: evaluation spec with its data and predictions files confined to the data roots, or INVALID_ARGUMENT naming the field.</summary>
    public static EvaluationSpec ValidateEvaluation(ParsedSpec parsed, DataRoots dataRoots)
    {
        var spec = Checked(() => EvaluationSpecReader.Read(parsed.Document, parsed.SpecDirectory));
        var data = spec.Data.IsText
            ? spec.Data with
            {
                Train = Confine(dataRoots, "data.train", spec.Data.Train),
                Heldout = spec.Data.Heldout is null ? null : Confine(dataRoots, "data.heldout", spec.Data.Heldout),
            }
            : spec.Data with { Test = Confine(dataRoots, "data.test", spec.Data.Test) };
        var models = spec.Models
            .Select((model, i) => model.Predictions is { } path ? model with { Predictions = Confine(dataRoots, $"models[{i}].predictions", path) } : model)
            .ToArray();
        return spec with { Data = data, Models = models };
    }

    /// <summary>
    /// Weights given per domain must name exactly the corpus's domains. A text_folders corpus names them
    /// by its folders, so that is checked here; a jsonl corpus's names are known once it is read, when the
    /// run starts.
    /// </summary>
    private static void CheckDomainNames(DataSpec data, DomainWeightsSpec weights, string field, DataRoots dataRoots)
    {
        if (weights.Kind != DomainWeightsKind.Explicit || data.Format != DataFormat.TextFolders)
        {
            return;
        }
        var domains = dataRoots.Folders(data.Train).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        try
        {
            weights.Resolve(domains, new long[domains.Length], field);
        }
        catch (ArgumentException exception)
        {
            throw Invalid(field, exception.Message.StartsWith(field + ": ", StringComparison.Ordinal) ? exception.Message[(field.Length + 2)..] : exception.Message);
        }
    }

    /// <summary>Reads with a spec reader; its <see cref="SpecException"/> becomes INVALID_ARGUMENT naming the field.</summary>
    public static T Checked<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (SpecException exception)
        {
            throw Invalid(exception.Field, exception.Reason);
        }
    }

    private static void CheckWorkers(TrainingSpec training, RunLimits limits)
    {
        if (training.Workers > limits.MaxWorkers)
        {
            throw Invalid("training.workers", $"at most {limits.MaxWorkers} workers per run on this cluster");
        }
    }

    /// <summary>Confines the data paths to the data roots (before any file is opened), then checks the files' layout.</summary>
    private static DataSpec CheckData(DataSpec data, int context, DataRoots dataRoots)
    {
        if (data.IsText)
        {
            data = data with
            {
                Train = Confine(dataRoots, "data.train", data.Train),
                Heldout = data.Heldout is null ? null : Confine(dataRoots, "data.heldout", data.Heldout),
            };
            try
            {
                TextCorpusReader.ValidatePaths(data.ToTextDataOptions(context, dataRoots));
            }
            catch (DataException exception)
            {
                var field = exception.File is { } file && data.Heldout is { } heldout && Path.GetFullPath(file).StartsWith(heldout, StringComparison.Ordinal)
                    ? "data.heldout"
                    : "data.train";
                throw Invalid(field, exception.Message);
            }
            return data;
        }
        data = data with
        {
            Train = Confine(dataRoots, "data.train", data.Train),
            Val = Confine(dataRoots, "data.val", data.Val),
            Test = Confine(dataRoots, "data.test", data.Test),
        };
        try
        {
            TabularDatasetReader.ValidateColumns(data.ToDataOptions(dataRoots));
        }
        catch (DataException exception)
        {
            throw Invalid(DataField(data, exception), exception.Message);
        }
        return data;
    }

    private static string CheckSpecText(SpecSubmission request, RunLimits limits)
    {
        var specYaml = request.SpecYaml;
        if (string.IsNullOrWhiteSpace(specYaml))
        {
            throw Invalid("spec_yaml", "required");
        }
        var bytes = BoundedByteCount(specYaml, limits.MaxSpecBytes);
        if (bytes > limits.MaxSpecBytes)
        {
            throw Invalid("spec_yaml", $"larger than {limits.MaxSpecBytes} bytes (Limits:MaxSpecBytes)");
        }
        // The overrides are spec text too: counted in the same limit, and their number bounded.
        if (request.Overrides.Count > limits.MaxOverrides)
        {
            throw Invalid("overrides", $"{request.Overrides.Count} overrides (--set), at most {limits.MaxOverrides} (Limits:MaxOverrides)");
        }
        foreach (var assignment in request.Overrides)
        {
            bytes += BoundedByteCount(assignment ?? "", limits.MaxSpecBytes);
            if (bytes > limits.MaxSpecBytes)
            {
                throw Invalid("overrides", $"the spec and its overrides (--set) are larger than {limits.MaxSpecBytes} bytes together (Limits:MaxSpecBytes)");
            }
        }
        var specDirectory = request.SpecDirectory;
        var directory = string.IsNullOrEmpty(specDirectory) ? Directory.GetCurrentDirectory() : specDirectory;
        return Path.IsPathFullyQualified(directory) ? directory : throw Invalid("spec_directory", "must be an absolute path");
    }

    // Characters first: a string with more chars than the limit has at least as many bytes, and is never encoded.
    private static long BoundedByteCount(string text, int limit) => text.Length > limit ? text.Length : Encoding.UTF8.GetByteCount(text);

    /// <summary>A run or job id: INVALID_ARGUMENT naming <paramref name="field"/> when empty or not an id.</summary>
    public static string RequireId(string field, string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw Invalid(field, "required");
        }
        return JobIds.IsValid(id) ? id : throw Invalid(field, JobIds.Rule);
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

    /// <summary>
    /// The job id of a tenant's request id: the kind's prefix and a hash of (tenant, request id), so a
    /// retried submit is the same job and two tenants using the same request id get different jobs.
    /// </summary>
    public static string IdFor(string prefix, string tenant, string requestId)
    {
        // The tenant is part of the hash, so two tenants using the same request id get different runs.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant}\n{requestId}"));
        return $"{prefix}-{Convert.ToHexStringLower(hash)[..12]}";
    }

    // The detail travels in an HTTP/2 trailer: a field or reason that echoes hostile input (a 900 KB key)
    // must not make the answer too large for the client to read.
    public static RpcException Invalid(string field, string reason) =>
        new(new Status(StatusCode.InvalidArgument, $"{Bounded(field, 200)}: {Bounded(reason, 1000)}"));

    private static string Bounded(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "...");

    // The physical path (links resolved), inside the roots and no special file. Workers check again
    // whatever they open, since the files may change after submit.
    private static string Confine(DataRoots dataRoots, string field, string path)
    {
        string? physical;
        try
        {
            physical = dataRoots.Confine(path);
            if (physical is not null)
            {
                dataRoots.Inspect(physical);
            }
        }
        catch (IOException e)
        {
            throw Invalid(field, $"{path}: {e.Message}");
        }
        catch (DataException e)
        {
            throw Invalid(field, e.Message);
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
