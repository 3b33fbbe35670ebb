package org.beaconwatch.ml.model;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.protos.core.ModelProto;

/**
 * Reads a Tribuo model's protobuf bytes without letting the file choose what runs.
 *
 * <p>Why: Tribuo's protobuf deserialisation looks classes up by the names stored in the message
 * ({@code class_name} fields, and the provenance's object, provenance and enum class names) and
 * calls their static deserialisers, which loads and initialises any class the file names. So
 * before Tribuo sees a message, every such name anywhere in it -- including inside the
 * {@code google.protobuf.Any} payloads, which are unpacked here against Tribuo's own message
 * types only -- must be one of the classes our models are made of ({@link #ALLOWED_CLASSES}).
 * Parsing is bounded: message size, nesting depth and the number of messages visited.
 */
final class TribuoProtos {
    /** Largest nesting of messages (and Any payloads) accepted; Tribuo trees nest by reference, not depth. */
    static final int MAX_DEPTH = 64;
    /** Largest number of messages visited in one model (a 60-tree forest of depth 12 has far fewer). */
    static final int MAX_MESSAGES = 20_000_000;

    /** Every class a gbt or rf model (binary or multiclass) names in its protobuf form. */
    static final Set<String> ALLOWED_CLASSES = Set.of(
            // models and their parts
            "org.tribuo.common.xgboost.XGBoostModel",
            "org.tribuo.classification.xgboost.XGBoostClassificationConverter",
            "org.tribuo.ensemble.WeightedEnsembleModel",
            "org.tribuo.common.tree.TreeModel",
            "org.tribuo.common.tree.LeafNode",
            "org.tribuo.common.tree.SplitNode",
            "org.tribuo.classification.ensemble.FullyWeightedVotingCombiner",
            "org.tribuo.ImmutableFeatureMap",
            "org.tribuo.CategoricalIDInfo",
            "org.tribuo.CategoricalInfo",
            "org.tribuo.RealIDInfo",
            "org.tribuo.RealInfo",
            "org.tribuo.classification.ImmutableLabelInfo",
            "org.tribuo.classification.Label",
            "org.tribuo.classification.LabelFactory",
            // what the training provenance names
            "org.tribuo.DataSource",
            "org.tribuo.MutableDataset",
            "org.tribuo.dataset.DatasetView",
            "org.tribuo.classification.dtree.CARTClassificationTrainer",
            "org.tribuo.classification.dtree.impurity.GiniIndex",
            "org.tribuo.classification.xgboost.XGBoostClassificationTrainer",
            "org.tribuo.common.tree.RandomForestTrainer",
            "org.tribuo.common.xgboost.XGBoostTrainer$BoosterType",
            "org.tribuo.common.xgboost.XGBoostTrainer$LoggingVerbosity",
            "org.tribuo.common.xgboost.XGBoostTrainer$TreeMethod",
            "org.tribuo.classification.LabelFactory$LabelFactoryProvenance",
            "org.tribuo.dataset.DatasetView$DatasetViewProvenance",
            "org.tribuo.provenance.DatasetProvenance",
            "org.tribuo.provenance.EnsembleModelProvenance",
            "org.tribuo.provenance.ModelProvenance",
            "org.tribuo.provenance.SimpleDataSourceProvenance",
            "org.tribuo.provenance.impl.TrainerProvenanceImpl",
            "com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.BooleanProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.DateTimeProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.EnumProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.FloatProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance");

    /** OLCUT provenance kinds whose value is plain data, never a class to load. */
    private static final Set<String> PLAIN_VALUE_PROVENANCE = Set.of(
            "com.oracle.labs.mlrg.olcut.provenance.primitives.BooleanProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.DateTimeProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.EnumProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.FloatProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance");

    /** The Tribuo message types an Any payload may hold; anything else is refused. */
    private static final TypeRegistry TYPES = TypeRegistry.newBuilder()
            .add(ModelProto.getDescriptor().getFile().getMessageTypes())
            .add(org.tribuo.protos.core.WeightedEnsembleModelProto.getDescriptor().getFile().getMessageTypes())
            .add(org.tribuo.classification.protos.LabelProto.getDescriptor().getFile().getMessageTypes())
            .add(org.tribuo.common.tree.protos.TreeModelProto.getDescriptor().getFile().getMessageTypes())
            .add(org.tribuo.common.xgboost.protos.XGBoostModelProto.getDescriptor().getFile().getMessageTypes())
            .build();

    private TribuoProtos() {
    }

    /**
     * Parses and checks a model message.
     *
     * @throws IOException (without the file name) saying why the bytes are refused
     */
    static ModelProto parseChecked(byte[] bytes) throws IOException {
        ModelProto p;
        try {
            p = ModelProto.parseFrom(bounded(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("damaged classifier (" + e.getMessage() + ")", e);
        }
        new Walk().message(p, 0);
        return p;
    }

    private static CodedInputStream bounded(ByteString b) {
        CodedInputStream in = b.newCodedInput();
        in.setRecursionLimit(MAX_DEPTH);
        in.setSizeLimit(b.size());
        return in;
    }

    private static CodedInputStream bounded(byte[] b) {
        CodedInputStream in = CodedInputStream.newInstance(b);
        in.setRecursionLimit(MAX_DEPTH);
        in.setSizeLimit(b.length);
        return in;
    }

    /** One pass over a message tree, counting messages. */
    private static final class Walk {
        private long visited;

        void message(Message m, int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw new IOException("classifier nested deeper than " + MAX_DEPTH + " levels");
            }
            if (++visited > MAX_MESSAGES) {
                throw new IOException("classifier has more than " + MAX_MESSAGES + " parts");
            }
            Descriptor d = m.getDescriptorForType();
            if (d.getFullName().equals("google.protobuf.Any")) {
                any(m, depth);
                return;
            }
            String provenanceClass = null;
            if (d.getFullName().equals("olcut.SimpleProvenanceProto")) {
                FieldDescriptor pc = d.findFieldByName("provenance_class_name");
                provenanceClass = pc == null ? null : (String) m.getField(pc);
            }
            for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
                FieldDescriptor f = e.getKey();
                List<?> values = f.isRepeated() ? (List<?>) e.getValue() : List.of(e.getValue());
                for (Object v : values) {
                    if (v instanceof Message sub) {
                        message(sub, depth + 1);
                    } else if (v instanceof String s) {
                        string(d, f, s, provenanceClass);
                    }
                }
            }
        }

        private void any(Message m, int depth) throws IOException {
            Descriptor d = m.getDescriptorForType();
            String url = (String) m.getField(d.findFieldByName("type_url"));
            ByteString value = (ByteString) m.getField(d.findFieldByName("value"));
            Descriptor type;
            try {
                type = TYPES.getDescriptorForTypeUrl(url);
            } catch (InvalidProtocolBufferException e) {
                type = null;
            }
            if (type == null) {
                throw new IOException("classifier holds an unexpected message type '" + shorten(url) + "'");
            }
            DynamicMessage inner;
            try {
                inner = DynamicMessage.parseFrom(type, bounded(value));
            } catch (InvalidProtocolBufferException e) {
                throw new IOException("damaged classifier (" + e.getMessage() + ")", e);
            }
            message(inner, depth + 1);
        }

        private static void string(Descriptor owner, FieldDescriptor f, String s, String provenanceClass)
                throws IOException {
            String name = f.getName();
            boolean className = name.endsWith("class_name");
            if (owner.getFullName().equals("olcut.SimpleProvenanceProto")) {
                // enum provenance names its enum class in "additional"; other non-plain kinds name a class in "value"
                className |= name.equals("additional") && !s.isEmpty();
                className |= name.equals("value") && !s.isEmpty() && provenanceClass != null
                        && !PLAIN_VALUE_PROVENANCE.contains(provenanceClass) && looksLikeClass(s);
            }
            if (className && !ALLOWED_CLASSES.contains(s)) {
                throw new IOException("classifier names class '" + shorten(s) + "', which a Beaconwatch model never uses");
            }
        }
    }

    private static boolean looksLikeClass(String s) {
        return s.indexOf('.') > 0 && s.indexOf(' ') < 0;
    }

    /** A name from the file, cut short and kept to printable ASCII for a one-line message. */
    static String shorten(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 120; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 120 ? b + "..." : b.toString();
    }
}
