/**
 * Installs the optional parts of the runtime (see features.ts): imported for its effect by the
 * full entry.
 */
import { decodeRequest } from '@capnp-kit/compiler/schema';
import { features } from './features.js';
import { decodeJsonInto } from './json/decode.js';
import { toJsonValue } from './json/encode.js';
import { runtimeState } from './load-compiled.js';
import { installRpc } from './rpc/install.js';
import {
  readMultipleSegments,
  readMultipleSegmentsPacked,
  readSegments,
  readSegmentsPacked,
} from './streams/read-segments.js';
import { writeBytes } from './streams/write-bytes.js';
import { formatText } from './text/format.js';
import { parseTextInto } from './text/parse.js';

features.decodeRequest = decodeRequest;
features.registry = () => runtimeState().registry;
features.formatText = formatText as (value: object) => string;
features.toJsonValue = toJsonValue as (value: object) => unknown;
features.parseTextInto = parseTextInto;
features.decodeJsonInto = decodeJsonInto;
features.readSegments = readSegments;
features.readSegmentsPacked = readSegmentsPacked;
features.readMultipleSegments = readMultipleSegments;
features.readMultipleSegmentsPacked = readMultipleSegmentsPacked;
features.writeBytes = writeBytes;
// Capabilities, interface objects (Server and Client classes): see rpc/cap-codec.ts.
installRpc();
