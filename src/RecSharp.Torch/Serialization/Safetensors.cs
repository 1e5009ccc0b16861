using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RecSharp.Torch.Serialization;

/// <summary>
/// Reads and writes the safetensors format (https://github.com/huggingface/safetensors), so weights move between
/// RecSharp and Python: 8 bytes little-endian header length N, N bytes of JSON header
/// {name: {"dtype", "shape", "data_offsets": [begin, end]}, optional "__metadata__": {string: string}} padded with
/// spaces to a multiple of 8, then the tensors' bytes, little-endian, row-major, back to back in offset order.
/// Files we write are byte-identical to those of the reference writer for the same tensors and metadata.
/// </summary>
public static class Safetensors
{
    /// <summary>The reference reader's limit; a larger header is taken as a corrupt length.</summary>
    public const long MaxHeaderSize = 100_000_000;

    private const string MetadataKey = "__metadata__";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Like serde_json: escape only what JSON requires, keep non-ASCII and HTML characters as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    // ---- writing ----------------------------------------------------------------------------------------

    /// <summary>
    /// Writes <paramref name="tensors"/> to <paramref name="path"/> atomically (temporary file in the same folder,
    /// then a rename). Tensors are ordered as the reference writer orders them: by dtype (widest first), then name.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensors);
        EnsureLittleEndian();
        foreach (var name in tensors.Keys)
            if (name == MetadataKey) throw new ArgumentException($"{path}: \"{MetadataKey}\" is reserved and cannot name a tensor", nameof(tensors));

        var entries = tensors
            .Select(kv => (Name: kv.Key, Tensor: kv.Value, Dtype: kv.Value.DType))
            .OrderByDescending(e => SafetensorsDtype.Rank(e.Dtype))
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();

        var header = BuildHeader(entries.Select(e => (e.Name, e.Dtype, e.Tensor.Shape)).ToList(), metadata);

        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? ".";
        string temp = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
                stream.Write(length);
                stream.Write(header);
                foreach (var e in entries) stream.Write(TensorBytes(e.Tensor, e.Dtype));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>The padded JSON header for tensors already in file order.</summary>
    private static byte[] BuildHeader(List<(string Name, ScalarType Dtype, long[] Shape)> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            if (metadata is not null)
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, dtype, shape) in entries)
            {
                long bytes = dtype.ElementSize();
                foreach (var s in shape) bytes *= s;
                json.WriteStartObject(name);
                json.WriteString("dtype", SafetensorsDtype.NameOf(dtype));
                json.WriteStartArray("shape");
                foreach (var s in shape) json.WriteNumberValue(s);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        int padding = (int)((8 - buffer.Length % 8) % 8);
        for (int i = 0; i < padding; i++) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    private static byte[] TensorBytes(Tensor tensor, ScalarType dtype)
    {
        var bytes = new byte[checked(tensor.NumEl * dtype.ElementSize())];
        switch (dtype)
        {
            case ScalarType.Float32: tensor.CopyTo(MemoryMarshal.Cast<byte, float>(bytes.AsSpan())); break;
            case ScalarType.Float64: tensor.CopyTo(MemoryMarshal.Cast<byte, double>(bytes.AsSpan())); break;
            case ScalarType.Int64: tensor.CopyTo(MemoryMarshal.Cast<byte, long>(bytes.AsSpan())); break;
            case ScalarType.Int32: tensor.CopyTo(MemoryMarshal.Cast<byte, int>(bytes.AsSpan())); break;
            case ScalarType.UInt8: tensor.CopyTo(bytes.AsSpan()); break;
            case ScalarType.Bool: tensor.CopyTo(MemoryMarshal.Cast<byte, bool>(bytes.AsSpan())); break;
            default: throw new NotSupportedException($"safetensors: no dtype for {dtype}");
        }
        return bytes;
    }

    // ---- reading ----------------------------------------------------------------------------------------

    /// <summary>
    /// Reads every tensor of a safetensors file, in file (offset) order. The header is validated in full before
    /// any tensor is read; any problem raises an <see cref="InvalidDataException"/> naming the file and what is
    /// wrong. Tensors are read one at a time, so memory holds at most one tensor's bytes besides the tensors.
    /// The caller owns the returned tensors.
    /// </summary>
    public static OrderedDictionary<string, Tensor> Load(string path) => Load(path, out _);

    /// <summary>Like <see cref="Load(string)"/>, also returning the "__metadata__" map (empty when absent).</summary>
    public static OrderedDictionary<string, Tensor> Load(string path, out IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(path);
        EnsureLittleEndian();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        var (entries, meta) = ReadHeader(path, stream);
        metadata = meta;

        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            // Validation guarantees the tensors tile the data section in this order, so one forward pass reads them.
            foreach (var e in entries)
            {
                long length = e.End - e.Begin;
                if (length > Array.MaxLength)
                    throw Bad(path, $"tensor \"{e.Name}\" holds {length} bytes, more than one .NET array can take ({Array.MaxLength})");
                var data = new byte[length];
                stream.ReadExactly(data);
                result[e.Name] = FromBytes(data, e.Dtype, e.Shape);
            }
        }
        catch
        {
            foreach (var t in result.Values) t.Dispose();
            throw;
        }
        return result;
    }

    /// <summary>Reads only the header: tensor names, dtypes and shapes in offset order, and the metadata.</summary>
    public static (IReadOnlyList<(string Name, ScalarType Dtype, long[] Shape)> Tensors, IReadOnlyDictionary<string, string> Metadata) ReadHeader(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var (entries, meta) = ReadHeader(path, stream);
        return (entries.Select(e => (e.Name, e.Dtype, e.Shape)).ToList(), meta);
    }

    private sealed record Entry(string Name, ScalarType Dtype, long[] Shape, long Begin, long End);

    /// <summary>Reads and validates the header; leaves the stream at the start of the data section.</summary>
    private static (List<Entry> Entries, Dictionary<string, string> Metadata) ReadHeader(string path, Stream stream)
    {
        long fileLength = stream.Length;
        if (fileLength < 8)
            throw Bad(path, $"file is too short ({fileLength} bytes); a safetensors file starts with an 8-byte header length");
        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (n > MaxHeaderSize)
            throw Bad(path, $"header length {n} is larger than the limit of {MaxHeaderSize} bytes");
        if ((long)n > fileLength - 8)
            throw Bad(path, $"header length {n} goes beyond the end of the file ({fileLength} bytes)");
        var headerBytes = new byte[n];
        stream.ReadExactly(headerBytes);
        long dataLength = fileLength - 8 - (long)n;

        JsonDocument doc;
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(headerBytes);
            doc = JsonDocument.Parse(text);
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException)
        {
            throw Bad(path, $"header is not valid UTF-8 JSON: {e.Message}");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw Bad(path, $"header must be a JSON object, found {doc.RootElement.ValueKind}");

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<Entry>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name)) throw Bad(path, $"header names \"{property.Name}\" twice");
                if (property.Name == MetadataKey) ReadMetadata(path, property.Value, metadata);
                else entries.Add(ReadEntry(path, property.Name, property.Value));
            }

            // Tensors must tile the data section exactly: in offset order, each begins where the previous ended.
            entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
            long expectedBegin = 0;
            foreach (var e in entries)
            {
                if (e.End > dataLength)
                    throw Bad(path, $"tensor \"{e.Name}\": data_offsets [{e.Begin}, {e.End}] go beyond the data buffer of {dataLength} bytes");
                if (e.Begin < expectedBegin)
                    throw Bad(path, $"tensor \"{e.Name}\": data_offsets [{e.Begin}, {e.End}] overlap the previous tensor, which ends at {expectedBegin}");
                if (e.Begin > expectedBegin)
                    throw Bad(path, $"tensor \"{e.Name}\": data_offsets [{e.Begin}, {e.End}] leave a gap; the previous tensor ends at {expectedBegin}");
                expectedBegin = e.End;
            }
            if (expectedBegin != dataLength)
                throw Bad(path, $"tensors cover {expectedBegin} bytes but the data buffer holds {dataLength}");
            return (entries, metadata);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Bad(path, $"\"{MetadataKey}\" must be an object of strings");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw Bad(path, $"\"{MetadataKey}\" entry \"{item.Name}\" must be a string, found {item.Value.ValueKind}");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static Entry ReadEntry(string path, string name, JsonElement value)
    {
        string where = $"tensor \"{name}\"";
        if (value.ValueKind != JsonValueKind.Object) throw Bad(path, $"{where}: expected an object with dtype, shape and data_offsets");

        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw Bad(path, $"{where}: \"dtype\" is missing or not a string");
        string dtypeName = dtypeElement.GetString()!;
        var dtype = SafetensorsDtype.TryParse(dtypeName);
        if (dtype is null)
            throw Bad(path, SafetensorsDtype.IsKnown(dtypeName)
                ? $"{where}: dtype \"{dtypeName}\" is not supported (supported: {SafetensorsDtype.Supported})"
                : $"{where}: unknown dtype \"{dtypeName}\" (supported: {SafetensorsDtype.Supported})");

        var shape = ReadIntegers(path, where, value, "shape", expectedCount: null);
        var offsets = ReadIntegers(path, where, value, "data_offsets", expectedCount: 2);
        long begin = offsets[0], end = offsets[1];
        if (end < begin) throw Bad(path, $"{where}: data_offsets [{begin}, {end}] end before they begin");

        long expectedBytes = dtype.Value.ElementSize();
        try
        {
            foreach (var s in shape) expectedBytes = checked(expectedBytes * s);
        }
        catch (OverflowException)
        {
            throw Bad(path, $"{where}: shape [{string.Join(", ", shape)}] is too large");
        }
        if (end - begin != expectedBytes)
            throw Bad(path, $"{where}: shape [{string.Join(", ", shape)}] of {dtypeName} needs {expectedBytes} bytes but data_offsets [{begin}, {end}] hold {end - begin}");
        return new Entry(name, dtype.Value, shape, begin, end);
    }

    private static long[] ReadIntegers(string path, string where, JsonElement value, string field, int? expectedCount)
    {
        if (!value.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
            throw Bad(path, $"{where}: \"{field}\" is missing or not an array");
        var result = new List<long>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long v) || v < 0)
                throw Bad(path, $"{where}: \"{field}\" must hold non-negative integers, found {item.GetRawText()}");
            result.Add(v);
        }
        if (expectedCount is int count && result.Count != count)
            throw Bad(path, $"{where}: \"{field}\" must hold {count} integers, found {result.Count}");
        return result.ToArray();
    }

    private static Tensor FromBytes(ReadOnlySpan<byte> data, ScalarType dtype, long[] shape) => dtype switch
    {
        ScalarType.Float32 => torch.FromSpan(MemoryMarshal.Cast<byte, float>(data), shape),
        ScalarType.Float64 => torch.FromSpan(MemoryMarshal.Cast<byte, double>(data), shape),
        ScalarType.Int64 => torch.FromSpan(MemoryMarshal.Cast<byte, long>(data), shape),
        ScalarType.Int32 => torch.FromSpan(MemoryMarshal.Cast<byte, int>(data), shape),
        ScalarType.UInt8 => torch.FromSpan(data, shape),
        // Any non-zero byte is true; copying raw bytes other than 0/1 into bool storage would be undefined.
        ScalarType.Bool => torch.FromSpan<bool>(data.ToArray().Select(b => b != 0).ToArray(), shape),
        _ => throw new NotSupportedException($"safetensors: no dtype for {dtype}"),
    };

    private static InvalidDataException Bad(string path, string problem) => new($"{path}: {problem}");

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors I/O assumes a little-endian machine");
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // The original error matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
