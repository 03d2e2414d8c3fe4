using Grpc.Core;
using Minimax.Contracts.Api;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Grains.Training;

namespace Minimax.Silo.Services;

/// <summary>Turns a SubmitRun request into a valid spec, or INVALID_ARGUMENT naming the field.</summary>
public static class SubmitValidation
{
    public const int MaxSpecBytes = 1 << 20;

    public static RunSpec Validate(SubmitRunRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.SpecYaml))
        {
            throw Invalid("spec_yaml", "required");
        }
        if (request.SpecYaml.Length > MaxSpecBytes)
        {
            throw Invalid("spec_yaml", $"larger than {MaxSpecBytes} bytes");
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

    public static RpcException Invalid(string field, string reason) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {reason}"));

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
