import CGDAL
import Foundation
@preconcurrency import Glibc
import StrikeMapCore

/// GDAL's C functions, looked up with dlsym in the library opened on first use. GDAL and its
/// ~100 dependent libraries cost about 21 ms at process start when linked; maps drawn from the
/// shipped basemap never need them.
package struct GDALLibrary: @unchecked Sendable {
    package let CPLErrorReset: SM_CPLErrorReset
    package let CPLSetConfigOption: SM_CPLSetConfigOption
    package let CPLGetLastErrorMsg: SM_CPLGetLastErrorMsg
    package let CPLSetErrorHandler: SM_CPLSetErrorHandler
    package let CPLQuietErrorHandler: SM_CPLQuietErrorHandler
    package let GDALAllRegister: SM_GDALAllRegister
    package let GDALClose: SM_GDALClose
    package let GDALDatasetGetLayer: SM_GDALDatasetGetLayer
    package let GDALDatasetGetLayerCount: SM_GDALDatasetGetLayerCount
    package let GDALOpenEx: SM_GDALOpenEx
    package let OCTDestroyCoordinateTransformation: SM_OCTDestroyCoordinateTransformation
    package let OCTNewCoordinateTransformation: SM_OCTNewCoordinateTransformation
    package let OGR_F_Destroy: SM_OGR_F_Destroy
    package let OGR_F_GetFieldAsString: SM_OGR_F_GetFieldAsString
    package let OGR_F_GetFieldCount: SM_OGR_F_GetFieldCount
    package let OGR_F_GetFieldDefnRef: SM_OGR_F_GetFieldDefnRef
    package let OGR_F_GetGeometryRef: SM_OGR_F_GetGeometryRef
    package let OGR_F_IsFieldSetAndNotNull: SM_OGR_F_IsFieldSetAndNotNull
    package let OGR_Fld_GetNameRef: SM_OGR_Fld_GetNameRef
    package let OGR_GT_Flatten: SM_OGR_GT_Flatten
    package let OGR_G_AddGeometryDirectly: SM_OGR_G_AddGeometryDirectly
    package let OGR_G_AddPoint_2D: SM_OGR_G_AddPoint_2D
    package let OGR_G_CreateGeometry: SM_OGR_G_CreateGeometry
    package let OGR_G_DestroyGeometry: SM_OGR_G_DestroyGeometry
    package let OGR_G_GetGeometryCount: SM_OGR_G_GetGeometryCount
    package let OGR_G_GetGeometryRef: SM_OGR_G_GetGeometryRef
    package let OGR_G_GetGeometryType: SM_OGR_G_GetGeometryType
    package let OGR_G_GetPointCount: SM_OGR_G_GetPointCount
    package let OGR_G_GetPoints: SM_OGR_G_GetPoints
    package let OGR_G_GetX: SM_OGR_G_GetX
    package let OGR_G_GetY: SM_OGR_G_GetY
    package let OGR_G_Intersection: SM_OGR_G_Intersection
    package let OGR_G_Transform: SM_OGR_G_Transform
    package let OGR_G_Within: SM_OGR_G_Within
    package let OGR_L_GetName: SM_OGR_L_GetName
    package let OGR_L_GetNextFeature: SM_OGR_L_GetNextFeature
    package let OGR_L_GetSpatialRef: SM_OGR_L_GetSpatialRef
    package let OGR_L_ResetReading: SM_OGR_L_ResetReading
    package let OGR_L_SetAttributeFilter: SM_OGR_L_SetAttributeFilter
    package let OGR_L_SetSpatialFilter: SM_OGR_L_SetSpatialFilter
    package let OGR_L_SetSpatialFilterRect: SM_OGR_L_SetSpatialFilterRect
    package let OSRClone: SM_OSRClone
    package let OSRDestroySpatialReference: SM_OSRDestroySpatialReference
    package let OSRIsGeographic: SM_OSRIsGeographic
    package let OSRIsSame: SM_OSRIsSame
    package let OSRNewSpatialReference: SM_OSRNewSpatialReference
    package let OSRSetAxisMappingStrategy: SM_OSRSetAxisMappingStrategy
    package let OSRSetWellKnownGeogCS: SM_OSRSetWellKnownGeogCS
    package let GDALGetRasterXSize: SM_GDALGetRasterXSize
    package let GDALGetRasterYSize: SM_GDALGetRasterYSize
    package let GDALGetRasterCount: SM_GDALGetRasterCount
    package let GDALGetGeoTransform: SM_GDALGetGeoTransform
    package let GDALGetProjectionRef: SM_GDALGetProjectionRef
    package let GDALGetRasterBand: SM_GDALGetRasterBand
    package let GDALGetRasterDataType: SM_GDALGetRasterDataType
    package let GDALGetRasterNoDataValue: SM_GDALGetRasterNoDataValue
    package let GDALRasterIOEx: SM_GDALRasterIOEx
    package let GDALGetDriverByName: SM_GDALGetDriverByName
    package let GDALCreate: SM_GDALCreate
    package let GDALDatasetCreateLayer: SM_GDALDatasetCreateLayer
    package let GDALDatasetGetLayerByName: SM_GDALDatasetGetLayerByName
    package let GDALDatasetExecuteSQL: SM_GDALDatasetExecuteSQL
    package let GDALDatasetReleaseResultSet: SM_GDALDatasetReleaseResultSet
    package let GDALDatasetStartTransaction: SM_GDALDatasetStartTransaction
    package let GDALDatasetCommitTransaction: SM_GDALDatasetCommitTransaction
    package let GDALDatasetRollbackTransaction: SM_GDALDatasetRollbackTransaction
    package let OSRImportFromEPSG: SM_OSRImportFromEPSG
    package let OSRRelease: SM_OSRRelease
    package let OGR_Fld_Create: SM_OGR_Fld_Create
    package let OGR_Fld_Destroy: SM_OGR_Fld_Destroy
    package let OGR_Fld_SetNullable: SM_OGR_Fld_SetNullable
    package let OGR_Fld_SetUnique: SM_OGR_Fld_SetUnique
    package let OGR_Fld_SetSubType: SM_OGR_Fld_SetSubType
    package let OGR_L_CreateField: SM_OGR_L_CreateField
    package let OGR_L_GetLayerDefn: SM_OGR_L_GetLayerDefn
    package let OGR_FD_GetFieldIndex: SM_OGR_FD_GetFieldIndex
    package let OGR_F_Create: SM_OGR_F_Create
    package let OGR_F_SetFieldString: SM_OGR_F_SetFieldString
    package let OGR_F_SetFieldInteger64: SM_OGR_F_SetFieldInteger64
    package let OGR_F_SetFieldDouble: SM_OGR_F_SetFieldDouble
    package let OGR_F_SetFieldNull: SM_OGR_F_SetFieldNull
    package let OGR_F_SetFID: SM_OGR_F_SetFID
    package let OGR_F_GetFID: SM_OGR_F_GetFID
    package let OGR_G_SetPoint_2D: SM_OGR_G_SetPoint_2D
    package let OGR_F_SetGeometryDirectly: SM_OGR_F_SetGeometryDirectly
    package let OGR_L_CreateFeature: SM_OGR_L_CreateFeature
    package let OGR_L_SetFeature: SM_OGR_L_SetFeature
    package let OGR_L_SyncToDisk: SM_OGR_L_SyncToDisk
    package let OGR_F_GetFieldAsInteger64: SM_OGR_F_GetFieldAsInteger64
    package let OGR_F_GetFieldAsDouble: SM_OGR_F_GetFieldAsDouble
    package let OGR_L_SetIgnoredFields: SM_OGR_L_SetIgnoredFields
    package let CPLGetLastErrorType: SM_CPLGetLastErrorType
    package let OGR_L_GetFeatureCount: SM_OGR_L_GetFeatureCount

    /// The loaded library, or why it could not be loaded.
    package static let shared: Result<GDALLibrary, GeoError> = load()

    private static func load() -> Result<GDALLibrary, GeoError> {
        let names = ["libgdal.so"] + (28...40).reversed().map { "libgdal.so.\($0)" }
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_GLOBAL) }).first else {
            return .failure(.vectorOpen(path: "libgdal", message: "GDAL is not installed; run: apt-get install libgdal-dev"))
        }
        func sym<T>(_ name: String, _ type: T.Type) throws(GeoError) -> T {
            guard let p = dlsym(handle, name) else {
                throw .vectorOpen(path: "libgdal", message: "this GDAL lacks \(name)")
            }
            return unsafeBitCast(p, to: type)
        }
        do throws(GeoError) {
            return .success(GDALLibrary(
                CPLErrorReset: try sym("CPLErrorReset", SM_CPLErrorReset.self),
                CPLSetConfigOption: try sym("CPLSetConfigOption", SM_CPLSetConfigOption.self),
                CPLGetLastErrorMsg: try sym("CPLGetLastErrorMsg", SM_CPLGetLastErrorMsg.self),
                CPLSetErrorHandler: try sym("CPLSetErrorHandler", SM_CPLSetErrorHandler.self),
                CPLQuietErrorHandler: try sym("CPLQuietErrorHandler", SM_CPLQuietErrorHandler.self),
                GDALAllRegister: try sym("GDALAllRegister", SM_GDALAllRegister.self),
                GDALClose: try sym("GDALClose", SM_GDALClose.self),
                GDALDatasetGetLayer: try sym("GDALDatasetGetLayer", SM_GDALDatasetGetLayer.self),
                GDALDatasetGetLayerCount: try sym("GDALDatasetGetLayerCount", SM_GDALDatasetGetLayerCount.self),
                GDALOpenEx: try sym("GDALOpenEx", SM_GDALOpenEx.self),
                OCTDestroyCoordinateTransformation: try sym("OCTDestroyCoordinateTransformation", SM_OCTDestroyCoordinateTransformation.self),
                OCTNewCoordinateTransformation: try sym("OCTNewCoordinateTransformation", SM_OCTNewCoordinateTransformation.self),
                OGR_F_Destroy: try sym("OGR_F_Destroy", SM_OGR_F_Destroy.self),
                OGR_F_GetFieldAsString: try sym("OGR_F_GetFieldAsString", SM_OGR_F_GetFieldAsString.self),
                OGR_F_GetFieldCount: try sym("OGR_F_GetFieldCount", SM_OGR_F_GetFieldCount.self),
                OGR_F_GetFieldDefnRef: try sym("OGR_F_GetFieldDefnRef", SM_OGR_F_GetFieldDefnRef.self),
                OGR_F_GetGeometryRef: try sym("OGR_F_GetGeometryRef", SM_OGR_F_GetGeometryRef.self),
                OGR_F_IsFieldSetAndNotNull: try sym("OGR_F_IsFieldSetAndNotNull", SM_OGR_F_IsFieldSetAndNotNull.self),
                OGR_Fld_GetNameRef: try sym("OGR_Fld_GetNameRef", SM_OGR_Fld_GetNameRef.self),
                OGR_GT_Flatten: try sym("OGR_GT_Flatten", SM_OGR_GT_Flatten.self),
                OGR_G_AddGeometryDirectly: try sym("OGR_G_AddGeometryDirectly", SM_OGR_G_AddGeometryDirectly.self),
                OGR_G_AddPoint_2D: try sym("OGR_G_AddPoint_2D", SM_OGR_G_AddPoint_2D.self),
                OGR_G_CreateGeometry: try sym("OGR_G_CreateGeometry", SM_OGR_G_CreateGeometry.self),
                OGR_G_DestroyGeometry: try sym("OGR_G_DestroyGeometry", SM_OGR_G_DestroyGeometry.self),
                OGR_G_GetGeometryCount: try sym("OGR_G_GetGeometryCount", SM_OGR_G_GetGeometryCount.self),
                OGR_G_GetGeometryRef: try sym("OGR_G_GetGeometryRef", SM_OGR_G_GetGeometryRef.self),
                OGR_G_GetGeometryType: try sym("OGR_G_GetGeometryType", SM_OGR_G_GetGeometryType.self),
                OGR_G_GetPointCount: try sym("OGR_G_GetPointCount", SM_OGR_G_GetPointCount.self),
                OGR_G_GetPoints: try sym("OGR_G_GetPoints", SM_OGR_G_GetPoints.self),
                OGR_G_GetX: try sym("OGR_G_GetX", SM_OGR_G_GetX.self),
                OGR_G_GetY: try sym("OGR_G_GetY", SM_OGR_G_GetY.self),
                OGR_G_Intersection: try sym("OGR_G_Intersection", SM_OGR_G_Intersection.self),
                OGR_G_Transform: try sym("OGR_G_Transform", SM_OGR_G_Transform.self),
                OGR_G_Within: try sym("OGR_G_Within", SM_OGR_G_Within.self),
                OGR_L_GetName: try sym("OGR_L_GetName", SM_OGR_L_GetName.self),
                OGR_L_GetNextFeature: try sym("OGR_L_GetNextFeature", SM_OGR_L_GetNextFeature.self),
                OGR_L_GetSpatialRef: try sym("OGR_L_GetSpatialRef", SM_OGR_L_GetSpatialRef.self),
                OGR_L_ResetReading: try sym("OGR_L_ResetReading", SM_OGR_L_ResetReading.self),
                OGR_L_SetAttributeFilter: try sym("OGR_L_SetAttributeFilter", SM_OGR_L_SetAttributeFilter.self),
                OGR_L_SetSpatialFilter: try sym("OGR_L_SetSpatialFilter", SM_OGR_L_SetSpatialFilter.self),
                OGR_L_SetSpatialFilterRect: try sym("OGR_L_SetSpatialFilterRect", SM_OGR_L_SetSpatialFilterRect.self),
                OSRClone: try sym("OSRClone", SM_OSRClone.self),
                OSRDestroySpatialReference: try sym("OSRDestroySpatialReference", SM_OSRDestroySpatialReference.self),
                OSRIsGeographic: try sym("OSRIsGeographic", SM_OSRIsGeographic.self),
                OSRIsSame: try sym("OSRIsSame", SM_OSRIsSame.self),
                OSRNewSpatialReference: try sym("OSRNewSpatialReference", SM_OSRNewSpatialReference.self),
                OSRSetAxisMappingStrategy: try sym("OSRSetAxisMappingStrategy", SM_OSRSetAxisMappingStrategy.self),
                OSRSetWellKnownGeogCS: try sym("OSRSetWellKnownGeogCS", SM_OSRSetWellKnownGeogCS.self),
                GDALGetRasterXSize: try sym("GDALGetRasterXSize", SM_GDALGetRasterXSize.self),
                GDALGetRasterYSize: try sym("GDALGetRasterYSize", SM_GDALGetRasterYSize.self),
                GDALGetRasterCount: try sym("GDALGetRasterCount", SM_GDALGetRasterCount.self),
                GDALGetGeoTransform: try sym("GDALGetGeoTransform", SM_GDALGetGeoTransform.self),
                GDALGetProjectionRef: try sym("GDALGetProjectionRef", SM_GDALGetProjectionRef.self),
                GDALGetRasterBand: try sym("GDALGetRasterBand", SM_GDALGetRasterBand.self),
                GDALGetRasterDataType: try sym("GDALGetRasterDataType", SM_GDALGetRasterDataType.self),
                GDALGetRasterNoDataValue: try sym("GDALGetRasterNoDataValue", SM_GDALGetRasterNoDataValue.self),
                GDALRasterIOEx: try sym("GDALRasterIOEx", SM_GDALRasterIOEx.self),
                GDALGetDriverByName: try sym("GDALGetDriverByName", SM_GDALGetDriverByName.self),
                GDALCreate: try sym("GDALCreate", SM_GDALCreate.self),
                GDALDatasetCreateLayer: try sym("GDALDatasetCreateLayer", SM_GDALDatasetCreateLayer.self),
                GDALDatasetGetLayerByName: try sym("GDALDatasetGetLayerByName", SM_GDALDatasetGetLayerByName.self),
                GDALDatasetExecuteSQL: try sym("GDALDatasetExecuteSQL", SM_GDALDatasetExecuteSQL.self),
                GDALDatasetReleaseResultSet: try sym("GDALDatasetReleaseResultSet", SM_GDALDatasetReleaseResultSet.self),
                GDALDatasetStartTransaction: try sym("GDALDatasetStartTransaction", SM_GDALDatasetStartTransaction.self),
                GDALDatasetCommitTransaction: try sym("GDALDatasetCommitTransaction", SM_GDALDatasetCommitTransaction.self),
                GDALDatasetRollbackTransaction: try sym("GDALDatasetRollbackTransaction", SM_GDALDatasetRollbackTransaction.self),
                OSRImportFromEPSG: try sym("OSRImportFromEPSG", SM_OSRImportFromEPSG.self),
                OSRRelease: try sym("OSRRelease", SM_OSRRelease.self),
                OGR_Fld_Create: try sym("OGR_Fld_Create", SM_OGR_Fld_Create.self),
                OGR_Fld_Destroy: try sym("OGR_Fld_Destroy", SM_OGR_Fld_Destroy.self),
                OGR_Fld_SetNullable: try sym("OGR_Fld_SetNullable", SM_OGR_Fld_SetNullable.self),
                OGR_Fld_SetUnique: try sym("OGR_Fld_SetUnique", SM_OGR_Fld_SetUnique.self),
                OGR_Fld_SetSubType: try sym("OGR_Fld_SetSubType", SM_OGR_Fld_SetSubType.self),
                OGR_L_CreateField: try sym("OGR_L_CreateField", SM_OGR_L_CreateField.self),
                OGR_L_GetLayerDefn: try sym("OGR_L_GetLayerDefn", SM_OGR_L_GetLayerDefn.self),
                OGR_FD_GetFieldIndex: try sym("OGR_FD_GetFieldIndex", SM_OGR_FD_GetFieldIndex.self),
                OGR_F_Create: try sym("OGR_F_Create", SM_OGR_F_Create.self),
                OGR_F_SetFieldString: try sym("OGR_F_SetFieldString", SM_OGR_F_SetFieldString.self),
                OGR_F_SetFieldInteger64: try sym("OGR_F_SetFieldInteger64", SM_OGR_F_SetFieldInteger64.self),
                OGR_F_SetFieldDouble: try sym("OGR_F_SetFieldDouble", SM_OGR_F_SetFieldDouble.self),
                OGR_F_SetFieldNull: try sym("OGR_F_SetFieldNull", SM_OGR_F_SetFieldNull.self),
                OGR_F_SetFID: try sym("OGR_F_SetFID", SM_OGR_F_SetFID.self),
                OGR_F_GetFID: try sym("OGR_F_GetFID", SM_OGR_F_GetFID.self),
                OGR_G_SetPoint_2D: try sym("OGR_G_SetPoint_2D", SM_OGR_G_SetPoint_2D.self),
                OGR_F_SetGeometryDirectly: try sym("OGR_F_SetGeometryDirectly", SM_OGR_F_SetGeometryDirectly.self),
                OGR_L_CreateFeature: try sym("OGR_L_CreateFeature", SM_OGR_L_CreateFeature.self),
                OGR_L_SetFeature: try sym("OGR_L_SetFeature", SM_OGR_L_SetFeature.self),
                OGR_L_SyncToDisk: try sym("OGR_L_SyncToDisk", SM_OGR_L_SyncToDisk.self),
                OGR_F_GetFieldAsInteger64: try sym("OGR_F_GetFieldAsInteger64", SM_OGR_F_GetFieldAsInteger64.self),
                OGR_F_GetFieldAsDouble: try sym("OGR_F_GetFieldAsDouble", SM_OGR_F_GetFieldAsDouble.self),
                OGR_L_SetIgnoredFields: try sym("OGR_L_SetIgnoredFields", SM_OGR_L_SetIgnoredFields.self),
                CPLGetLastErrorType: try sym("CPLGetLastErrorType", SM_CPLGetLastErrorType.self),
                OGR_L_GetFeatureCount: try sym("OGR_L_GetFeatureCount", SM_OGR_L_GetFeatureCount.self)
            ))
        } catch {
            return .failure(error)
        }
    }
}
