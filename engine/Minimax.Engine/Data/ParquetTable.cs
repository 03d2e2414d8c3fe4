using System.Globalization;
using System.Numerics;
using Minimax.Engine.Files;
using Parquet;
using Parquet.Schema;

namespace Minimax.Engine.Data;

/// <summary>A Parquet file's flat numeric columns (Parquet.Net); cells are placed by 1-based row.</summary>
internal sealed class ParquetTable : DataTable
{
    /// <summary>
    /// Most rows of one file. A Parquet file states its row count, and a small file can claim billions of
    /// rows of one repeated value, so the count is checked before any column is sized by it.
    /// </summary>
    public const int MaxRows = 1 << 26;

    private readonly IReadOnlyList<DataField> fields;
    private readonly DataRoots roots;

    private ParquetTable(string file, IReadOnlyList<DataField> fields, int rowCount, DataRoots roots)
        : base(file, fields.Select(f => f.Name).ToArray(), rowCount)
    {
        this.fields = fields;
        this.roots = roots;
    }

    public static ParquetTable Open(string file, DataRoots roots) => Run(file, async () =>
    {
        await using var reader = await ParquetReader.CreateAsync(roots.OpenRead(file));
        return new ParquetTable(file, reader.Schema.GetDataFields(), StatedRows(file, reader), roots);
    });

    /// <summary>The columns, after checking the row count the file states.</summary>
    public static IReadOnlyList<(string Name, Type ClrType)> ReadSchema(string file, DataRoots roots) => Run(file, async () =>
    {
        await using var reader = await ParquetReader.CreateAsync(roots.OpenRead(file));
        StatedRows(file, reader);
        return (IReadOnlyList<(string, Type)>)reader.Schema.GetDataFields().Select(f => (f.Name, f.ClrType)).ToArray();
    });

    private static int StatedRows(string file, ParquetReader reader)
    {
        long rows = 0;
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            using var group = reader.OpenRowGroupReader(i);
            rows += group.RowCount;
            if (group.RowCount < 0 || rows > MaxRows)
            {
                throw new DataException(file, null, null, $"the file states {(group.RowCount < 0 ? group.RowCount : rows)} rows or more; at most {MaxRows} rows are read from one file");
            }
        }

        return (int)rows;
    }

    public static bool IsNumeric(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(long) || type == typeof(int)
        || type == typeof(short) || type == typeof(sbyte) || type == typeof(ulong) || type == typeof(uint)
        || type == typeof(ushort) || type == typeof(byte) || type == typeof(decimal) || type == typeof(bool);

    public override double[] ReadNumeric(string column)
    {
        var field = fields.FirstOrDefault(f => f.Name == column)
            ?? throw new DataException(File, null, column, "no such column in the schema");
        if (!IsNumeric(field.ClrType))
        {
            throw new DataException(File, null, column, $"the column is not numeric (type {field.ClrType.Name})");
        }

        var values = Run(File, async () =>
        {
            await using var reader = await ParquetReader.CreateAsync(roots.OpenRead(File));
            var all = new double[RowCount];
            var offset = 0;
            for (var i = 0; i < reader.RowGroupCount; i++)
            {
                using var group = reader.OpenRowGroupReader(i);
                var chunk = await ReadChunk(group, field, checked((int)group.RowCount));
                for (var r = 0; r < chunk.Length; r++)
                {
                    if (chunk[r] is not { } value)
                    {
                        throw CellError(offset + r, column, "the value is missing (null)");
                    }

                    all[offset + r] = value;
                }

                offset += chunk.Length;
            }

            return all;
        });

        for (var row = 0; row < values.Length; row++)
        {
            if (!double.IsFinite(values[row]))
            {
                throw CellError(row, column, $"'{values[row]}' is not finite");
            }
        }

        return values;
    }

    public override string[] ReadText(string column)
    {
        var field = fields.FirstOrDefault(f => f.Name == column)
            ?? throw new DataException(File, null, column, "no such column in the schema");
        if (IsNumeric(field.ClrType))
        {
            return ReadNumeric(column).Select(value => value.ToString("R", CultureInfo.InvariantCulture)).ToArray();
        }

        var values = Run(File, async () =>
        {
            await using var reader = await ParquetReader.CreateAsync(roots.OpenRead(File));
            var all = new string?[RowCount];
            var offset = 0;
            for (var i = 0; i < reader.RowGroupCount; i++)
            {
                using var group = reader.OpenRowGroupReader(i);
                var rows = checked((int)group.RowCount);
                await group.ReadAsync(field, all.AsMemory(offset, rows), null);
                offset += rows;
            }

            return all;
        });

        var text = new string[values.Length];
        for (var row = 0; row < values.Length; row++)
        {
            var value = values[row]?.Trim();
            text[row] = string.IsNullOrEmpty(value) ? throw CellError(row, column, "the value is missing or empty") : value;
        }

        return text;
    }

    public override DataException CellError(int row, string column, string problem) =>
        new(File, null, column, $"row {row + 1}: {problem}");

    private static Task<double?[]> ReadChunk(ParquetRowGroupReader group, DataField field, int rows)
    {
        var type = field.ClrType;
        return type == typeof(double) ? Read<double>(group, field, rows)
            : type == typeof(float) ? Read<float>(group, field, rows)
            : type == typeof(long) ? Read<long>(group, field, rows)
            : type == typeof(int) ? Read<int>(group, field, rows)
            : type == typeof(short) ? Read<short>(group, field, rows)
            : type == typeof(sbyte) ? Read<sbyte>(group, field, rows)
            : type == typeof(ulong) ? Read<ulong>(group, field, rows)
            : type == typeof(uint) ? Read<uint>(group, field, rows)
            : type == typeof(ushort) ? Read<ushort>(group, field, rows)
            : type == typeof(byte) ? Read<byte>(group, field, rows)
            : type == typeof(decimal) ? Read<decimal>(group, field, rows)
            : ReadBooleans(group, field, rows);
    }

    private static async Task<double?[]> Read<T>(ParquetRowGroupReader group, DataField field, int rows)
        where T : struct, INumberBase<T>
    {
        var result = new double?[rows];
        if (field.IsNullable)
        {
            var buffer = new T?[rows];
            await group.ReadAsync<T>(field, buffer.AsMemory(), null);
            for (var i = 0; i < rows; i++)
            {
                result[i] = buffer[i] is { } v ? double.CreateChecked(v) : null;
            }
        }
        else
        {
            var buffer = new T[rows];
            await group.ReadAsync<T>(field, buffer.AsMemory(), null);
            for (var i = 0; i < rows; i++)
            {
                result[i] = double.CreateChecked(buffer[i]);
            }
        }

        return result;
    }

    private static async Task<double?[]> ReadBooleans(ParquetRowGroupReader group, DataField field, int rows)
    {
        var result = new double?[rows];
        if (field.IsNullable)
        {
            var buffer = new bool?[rows];
            await group.ReadAsync<bool>(field, buffer.AsMemory(), null);
            for (var i = 0; i < rows; i++)
            {
                result[i] = buffer[i] is { } v ? (v ? 1 : 0) : null;
            }
        }
        else
        {
            var buffer = new bool[rows];
            await group.ReadAsync<bool>(field, buffer.AsMemory(), null);
            for (var i = 0; i < rows; i++)
            {
                result[i] = buffer[i] ? 1 : 0;
            }
        }

        return result;
    }

    // The public API is synchronous (it runs on a training thread); Task.Run keeps any caller's
    // synchronisation context out of the continuations.
    private static T Run<T>(string file, Func<Task<T>> action)
    {
        try
        {
            return Task.Run(action).GetAwaiter().GetResult();
        }
        catch (DataException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException
                                      or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new DataException(file, null, null, $"cannot be read as Parquet: {e.Message}", e);
        }
    }
}
